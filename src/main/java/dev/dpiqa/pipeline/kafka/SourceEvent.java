package dev.dpiqa.pipeline.kafka;

import dev.dpiqa.pipeline.event.CloudEvent;
import org.apache.kafka.common.header.Headers;

import java.util.Optional;

/**
 * The event an answer belongs to. CloudEvents identify an event by source and id together: two producers that
 * number their events alike send two events, not one twice, so the ledger, duplicate suppression and answer ids
 * all key on both.
 */
public record SourceEvent(String source, String id) {

    public static SourceEvent of(CloudEvent event) {
        return new SourceEvent(event.source(), event.id());
    }

    /**
     * From the headers of a record we wrote; empty if it names no event. An answer written before the source was
     * recorded reads with an empty source.
     */
    public static Optional<SourceEvent> readFrom(Headers headers) {
        return PipelineHeaders.text(headers, PipelineHeaders.SOURCE_EVENT_ID).map(id -> new SourceEvent(
                PipelineHeaders.text(headers, PipelineHeaders.SOURCE_EVENT_SOURCE).orElse(""), id));
    }

    /** Written on every record that answers, retries or dead-letters the event, for the ledger to read back. */
    public void writeTo(Headers headers) {
        PipelineHeaders.put(headers, PipelineHeaders.SOURCE_EVENT_ID, id);
        PipelineHeaders.put(headers, PipelineHeaders.SOURCE_EVENT_SOURCE, source);
    }

    /** One string per (source, id) pair, and a different one for every other pair: the source's length leads. */
    public String key() {
        return source.length() + ":" + source + id;
    }
}
