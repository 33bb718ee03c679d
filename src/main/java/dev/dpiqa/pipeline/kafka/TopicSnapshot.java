package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a topic once, from a point in time up to the end offsets it finds on opening, without a consumer group:
 * a batch job's view of "everything so far" that commits nothing and disturbs no consumer.
 */
public final class TopicSnapshot {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Object> kafka;

    /** @param kafka client configuration (bootstrap servers, security); deserializers and group are set here */
    public TopicSnapshot(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /**
     * Hands every record written since {@code fromMillis} (0: from the beginning) to {@code each}, partition by
     * partition in offset order.
     *
     * @return the end offsets read up to, for the lineage
     */
    public Map<TopicPartition, Long> read(String topic, long fromMillis, Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dpiqa-snapshot-" + topic);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPositions.assignAll(consumer, List.of(topic), METADATA_TIMEOUT);
            TopicPositions.seekToTime(consumer, partitions, fromMillis);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
            }
            return end;
        }
    }
}
