package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The W3C trace context (CloudEvents distributed-tracing extension), which an answer carries on. */
    private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate");

    public CloudEvent {
        extensions = Map.copyOf(extensions);
    }

    /** An event with no extension attributes: what the pipeline writes unless it answers another. */
    public CloudEvent(String id, String source, String type, Optional<Instant> time, Optional<String> subject,
                      JsonNode data) {
        this(id, source, type, time, subject, data, Map.of());
    }

    /** This event in {@code cause}'s trace: an upload's answers join the upload's trace, whatever they pass through. */
    public CloudEvent inTraceOf(CloudEvent cause) {
        Map<String, String> carried = new LinkedHashMap<>(extensions);
        TRACE_CONTEXT.forEach(name -> Optional.ofNullable(cause.extensions().get(name))
                .ifPresent(value -> carried.put(name, value)));
        return new CloudEvent(id, source, type, time, subject, data, carried);
    }
}
