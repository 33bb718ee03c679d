package dev.dpiqa.review;

import java.time.Instant;

/**
 * One scored upload as the queue shows it: what its {@code image-quality} event said.
 *
 * @param id          the quality event's id: stable per upload, shared by a teacher's answer and a student fallback
 * @param uploadKey   the upload event's identity ({@code SourceEvent.key()}), to find its photo
 * @param studentMos  the student's MOS where the teacher decided, else null
 * @param latencyMs   from consuming the upload to publishing its answer
 */
public record ReviewItem(String id, String assetId, String uploadKey, Instant time, double mos, Double studentMos,
                         String verdict, String stage, String modelName, String modelVersion, double latencyMs) {

    public static final String ACCEPT = "accept";
    public static final String STUDENT = "student";
}
