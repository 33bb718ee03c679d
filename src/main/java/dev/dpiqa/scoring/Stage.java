package dev.dpiqa.scoring;

/** Which model produced the final score of an image. */
public enum Stage {
    /** The distilled student alone. */
    STUDENT,
    /** The teacher, after the cascade sent the image on (or when asked for directly). */
    TEACHER,
    /** The cascade wanted the teacher but it was unavailable or too slow: the student's score stands, flagged. */
    STUDENT_TEACHER_UNAVAILABLE
}
