package dev.dpiqa.scoring;

import java.time.Duration;

/**
 * When {@link CascadeScorer} asks the teacher.
 *
 * @param bandMos         the teacher is asked when the student's MOS lies within this many points of a verdict
 *                        threshold, where a small student error would flip the verdict
 * @param teacherDeadline how long to wait for the teacher before the student's score stands, flagged
 */
public record CascadeConfig(double bandMos, Duration teacherDeadline) {

    public CascadeConfig {
        if (!(bandMos >= 0) || teacherDeadline.isNegative() || teacherDeadline.isZero()) {
            throw new IllegalArgumentException("need bandMos >= 0 and a positive deadline, got " + bandMos + ", "
                    + teacherDeadline);
        }
    }

    /**
     * ±5 MOS: about the student-versus-teacher error of a distilled IQA student (RMSE of a few MOS points at
     * PLCC ≈ 0.9), so outside the band the teacher would rarely change the verdict. 2 s: well above a GPU
     * teacher's latency, short enough for a synchronous API call.
     */
    public static CascadeConfig defaults() {
        return new CascadeConfig(5.0, Duration.ofSeconds(2));
    }
}
