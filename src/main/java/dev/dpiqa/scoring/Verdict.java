package dev.dpiqa.scoring;

/** What a pipeline should do with an image, from its score and the configured thresholds. */
public enum Verdict {
    REJECT,
    REVIEW,
    ACCEPT
}
