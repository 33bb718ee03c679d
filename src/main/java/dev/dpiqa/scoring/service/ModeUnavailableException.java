package dev.dpiqa.scoring.service;

/** The requested mode needs a model this deployment does not serve (e.g. no teacher on a CPU node). */
public final class ModeUnavailableException extends Exception {

    private final ScoringMode mode;

    public ModeUnavailableException(ScoringMode mode, String message) {
        super(message);
        this.mode = mode;
    }

    public ScoringMode mode() {
        return mode;
    }
}
