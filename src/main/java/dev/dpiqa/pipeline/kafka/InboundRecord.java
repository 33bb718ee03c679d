package dev.dpiqa.pipeline.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A consumed record as the handlers need it: bytes, headers and where it came from (for dead letters, the ledger). */
public record InboundRecord(String key, byte[] value, Headers headers, String topic, int partition, long offset) {

    public static InboundRecord of(KafkaRecord<String, byte[]> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        Headers headers = record.getHeaders() == null ? new RecordHeaders() : record.getHeaders();
        return new InboundRecord(record.getKey(), record.getPayload(), headers, record.getTopic(),
                record.getPartition(), offset);
    }

    public RecordPosition position() {
        return new RecordPosition(topic, partition, offset);
    }
}
