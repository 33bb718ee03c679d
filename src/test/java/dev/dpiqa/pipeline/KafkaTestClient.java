package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.TopicPositions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What an upstream producer and a downstream consumer of the pipeline do, with plain Kafka clients. */
public final class KafkaTestClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudEventCodec CODEC = new CloudEventCodec(JSON);

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String topic, String key, CloudEvent event, EventMode mode) {
        CloudEventCodec.Encoded encoded = CODEC.encode(event, mode);
        send(topic, key, encoded.value(), encoded.headers());
    }

    public void send(String topic, String key, byte[] value, Headers headers) {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    public void send(String topic, String key, byte[] value) {
        send(topic, key, value, new RecordHeaders());
    }

    public void flush() {
        producer.flush();
    }

    /**
     * Every record of {@code topic} from the beginning, read until {@code done} holds for what was read and then
     * for {@code settle} longer (so a duplicate arriving late is seen), or until {@code timeout}.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                        Duration settle, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPositions.assignAll(consumer, List.of(topic), Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long end = System.nanoTime() + timeout.toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, settledAt)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (settledAt == Long.MAX_VALUE && done.test(records)) {
                    settledAt = System.nanoTime() + settle.toNanos();
                }
            }
            return records;
        }
    }

    public static CloudEvent event(ConsumerRecord<String, byte[]> record) {
        try {
            return CODEC.decode(record.value(), record.headers());
        } catch (MalformedEventException e) {
            throw new AssertionError("the pipeline wrote an unreadable event: " + e.getMessage(), e);
        }
    }

    public static JsonNode data(ConsumerRecord<String, byte[]> record) {
        return event(record).data();
    }

    /** The id of the event each answer answers (its {@code source-event-id} header), in record order. */
    public static List<String> sourceIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, PipelineHeaders.SOURCE_EVENT_ID)).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return PipelineHeaders.text(record.headers(), name).orElse(null);
    }

    @Override
    public void close() {
        producer.close();
    }
}
