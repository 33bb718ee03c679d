package dev.dpiqa.scoring.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which model(s) score an image. */
public enum ScoringMode {
    /** The distilled student alone: fast, every image. */
    STUDENT,
    /** The teacher alone: slow, most accurate. */
    TEACHER,
    /** The student, and the teacher for images near a verdict threshold. */
    CASCADE;

    /** Case-insensitive, for query parameters and CLI flags. */
    public static ScoringMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode '" + text + "', expected one of "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }
}
