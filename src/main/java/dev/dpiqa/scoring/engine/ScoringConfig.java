package dev.dpiqa.scoring.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Verdict thresholds, the cascade, and micro-batching. */
@ConfigMapping(prefix = "dpiqa.scoring")
public interface ScoringConfig {

    /** MOS below which an image is rejected. */
    @WithDefault("40")
    double rejectBelow();

    /** MOS from which an image is accepted; between the two it goes to review. */
    @WithDefault("60")
    double acceptFrom();

    /** The cascade asks the teacher when the student's MOS is within this many points of either threshold. */
    @WithDefault("5")
    double cascadeBandMos();

    /** How long the cascade waits for the teacher before the student's score stands, flagged. */
    @WithDefault("2s")
    Duration teacherDeadline();

    /** Most images in one forward pass. */
    @WithDefault("8")
    int maxBatch();

    /** Longest an image waits for others to join its batch. */
    @WithDefault("5ms")
    Duration maxBatchWait();

    /** Images waiting beyond this are refused at once (back-pressure rather than memory growth). */
    @WithDefault("1024")
    int queueCapacity();
}
