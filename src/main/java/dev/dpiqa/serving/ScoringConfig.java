package dev.dpiqa.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Verdict thresholds, the cascade, and micro-batching. The thresholds' and band's defaults are written here and
 * nowhere else in code; {@code ThresholdDefaultsDriftTest} holds plugin.yaml, the README and the cascade benchmark
 * to them.
 */
@ConfigMapping(prefix = "dpiqa.scoring")
public interface ScoringConfig {

    /**
     * MOS below which an image is rejected. 40 / 60 follow the five-point ACR scale that MOS datasets (KonIQ-10k,
     * LIVE-C) are rated on, mapped to 0–100 in 20-point bands: bad [0,20), poor [20,40), fair [40,60), good [60,80),
     * excellent [80,100]. Below "fair" is rejected, "good" or better accepted, and the ambiguous "fair" band, where
     * raters disagree most, goes to a human.
     */
    @WithDefault("40")
    double rejectBelow();

    /** MOS from which an image is accepted; between the two it goes to review. */
    @WithDefault("60")
    double acceptFrom();

    /**
     * The cascade asks the teacher when the student's MOS is within this many points of either threshold. 5: about
     * the student-versus-teacher error of a distilled IQA student (RMSE of a few MOS points at PLCC ≈ 0.9), so
     * outside the band the teacher would rarely change the verdict.
     */
    @WithDefault("5")
    double cascadeBandMos();

    /**
     * How long the in-process cascade waits for the teacher before the student's score stands, flagged: well above
     * a GPU teacher's latency, short enough for a synchronous API call.
     */
    @WithDefault("2s")
    Duration teacherDeadline();

    /** Most images in one forward pass; 0 chooses by the engine serving each batch ({@code maxBatchFor}). */
    @WithDefault("0")
    int maxBatch();

    /** Longest an image waits for others to join its batch. */
    @WithDefault("5ms")
    Duration maxBatchWait();

    /** Images waiting beyond this are refused at once (back-pressure rather than memory growth). */
    @WithDefault("1024")
    int queueCapacity();
}
