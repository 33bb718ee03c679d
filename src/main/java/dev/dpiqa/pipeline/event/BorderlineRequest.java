package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/**
 * Data of an {@code image-quality-borderline} event: a borderline upload handed from a student to the teacher
 * workers. JSON Schema: {@code plugin-descriptors/schemas/image-quality-borderline.schema.json}.
 *
 * @param upload   the upload event's data as the student received it, passed on untouched; the teacher reads it
 *                 with {@link UploadEvent#from} as the student did
 * @param student  the student's answer, which stands (flagged) if no teacher answers by {@code deadline}
 * @param deadline after it the student publishes its own answer and the teacher's would come too late
 */
public record BorderlineRequest(JsonNode upload, QualityEvent student, Instant deadline) {

    /** @throws MalformedEventException when a field is missing or unreadable */
    public static BorderlineRequest from(JsonNode data, ObjectMapper json) throws MalformedEventException {
        BorderlineRequest request;
        try {
            request = json.treeToValue(data, BorderlineRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("unreadable borderline request: " + e.getMessage(), e);
        }
        if (request == null || request.upload() == null || request.student() == null || request.deadline() == null) {
            throw new MalformedEventException("a borderline request needs upload, student and deadline, got " + data);
        }
        return request;
    }
}
