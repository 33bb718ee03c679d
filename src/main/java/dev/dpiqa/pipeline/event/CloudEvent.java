package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudEvents event with JSON data, as the pipeline handles it: the envelope of every record it reads or writes
 * ({@link CloudEventCodec} maps it to and from the CloudEvents SDK's).
 *
 * @param id         unique per {@code source}; the pipeline suppresses redelivered uploads by the two together
 * @param subject    the asset id, so a consumer can route without parsing {@code data}
 * @param extensions extension attributes in their canonical string form (as Kafka's binary mode carries them)
 */
public record CloudEvent(String id, String source, String type, Optional<Instant> time, Optional<String> subject,
                         JsonNode data, Map<String, String> extensions) {

    public CloudEvent {
        extensions = Map.copyOf(extensions);
    }

    /** An event with no extension attributes: what the pipeline writes unless it answers another. */
    public CloudEvent(String id, String source, String type, Optional<Instant> time, Optional<String> subject,
                      JsonNode data) {
        this(id, source, type, time, subject, data, Map.of());
    }

    /** This event with {@code more} extension attributes, replacing any of the same name. */
    public CloudEvent withExtensions(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(extensions);
        all.putAll(more);
        return new CloudEvent(id, source, type, time, subject, data, all);
    }
}
