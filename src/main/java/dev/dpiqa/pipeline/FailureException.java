package dev.dpiqa.pipeline;

/** Carries a {@link Failure} out of a processing step. */
public final class FailureException extends Exception {

    private final Failure failure;

    public FailureException(Failure failure) {
        super(failure.code() + ": " + failure.reason(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
