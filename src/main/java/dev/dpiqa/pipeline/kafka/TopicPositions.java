package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Group-less reading of whole topics from a point in time: what the ledger and the label snapshot both do. */
public final class TopicPositions {

    private TopicPositions() {
    }

    /** Assigns every partition of {@code topics}; a topic that does not exist is an error, not an empty read. */
    public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, Collection<String> topics, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist; create it before starting");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        return partitions;
    }

    /** Each partition at its first record from {@code fromMillis} on (its end if none); 0 or less: the beginning. */
    public static void seekToTime(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, long fromMillis) {
        if (fromMillis <= 0) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, fromMillis));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }
}
