package dev.dpiqa.cli;

import dev.dpiqa.scoring.QualityScore;

/** What became of one input: a score, or a stable reason and a message. */
record Outcome(ImageInputs.Input input, QualityScore score, String reason, String detail) {

    static Outcome scored(ImageInputs.Input input, QualityScore score) {
        return new Outcome(input, score, null, null);
    }

    static Outcome failed(ImageInputs.Input input, String reason, String detail) {
        return new Outcome(input, null, reason, detail);
    }

    boolean ok() {
        return score != null;
    }
}
