package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * A CloudEvents 1.0 event with JSON data: the envelope of every record the pipeline reads or writes.
 *
 * @param id      unique per {@code source}; the pipeline suppresses redelivered uploads by it
 * @param subject the asset id, so a consumer can route without parsing {@code data}
 */
public record CloudEvent(String id, String source, String type, Optional<Instant> time, Optional<String> subject,
                         JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
