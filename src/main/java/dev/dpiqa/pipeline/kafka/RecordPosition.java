package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.common.header.Headers;

import java.util.Optional;

/**
 * Where a consumed record was. A record that is no readable event has no CloudEvents identity, so the ledger keys
 * it on this instead: a redelivered copy is the same record at the same place and is dead-lettered once.
 */
public record RecordPosition(String topic, int partition, long offset) {

    /** From a dead letter's headers; empty on records that name no original. */
    public static Optional<RecordPosition> readFrom(Headers headers) {
        Optional<String> topic = PipelineHeaders.text(headers, PipelineHeaders.ORIGINAL_TOPIC);
        long offset = PipelineHeaders.number(headers, PipelineHeaders.ORIGINAL_OFFSET, -1);
        if (topic.isEmpty() || offset < 0) {
            return Optional.empty();
        }
        return Optional.of(new RecordPosition(topic.get(),
                (int) PipelineHeaders.number(headers, PipelineHeaders.ORIGINAL_PARTITION, 0), offset));
    }

    /** Written on every dead letter, beside the reason. */
    public void writeTo(Headers headers) {
        PipelineHeaders.put(headers, PipelineHeaders.ORIGINAL_TOPIC, topic);
        PipelineHeaders.put(headers, PipelineHeaders.ORIGINAL_PARTITION, partition);
        PipelineHeaders.put(headers, PipelineHeaders.ORIGINAL_OFFSET, offset);
    }

    /** A ledger key that no {@link SourceEvent#key()} can equal: those start with a digit. */
    public String key() {
        return "@" + this;
    }

    /** {@code topic-partition@offset}, for logs and reasons. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
