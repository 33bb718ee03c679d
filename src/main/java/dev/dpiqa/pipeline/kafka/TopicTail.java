package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Follows topics on a thread of its own, without a consumer group, from {@code window} ago on: every instance sees
 * every partition, commits nothing and disturbs no consumer. What the answer ledger and the reviewer console's
 * queue both do.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final Map<String, Object> kafka;
    private final String name;
    private final List<String> topics;
    private final Duration window;
    private final Consumer<ConsumerRecord<byte[], byte[]>> each;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param kafka client configuration (bootstrap servers, security); deserializers and group are set here
     * @param name  the thread's and the Kafka client's name
     * @param each  called on the tail's thread with every record, in offset order per partition
     */
    public TopicTail(Map<String, Object> kafka, String name, Collection<String> topics, Duration window,
                     Consumer<ConsumerRecord<byte[], byte[]>> each) {
        this.kafka = Map.copyOf(kafka);
        this.name = name;
        this.topics = List.copyOf(topics);
        this.window = window;
        this.each = each;
    }

    /** Starts following, once; later calls do nothing. */
    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Completes once the topics have been read up to where they ended at the start; fails if the tail stopped. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** What stopped the tail, if something did, before or after it caught up. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(config)) {
            consumer = kafkaConsumer;
            List<TopicPartition> partitions = TopicPositions.assignAll(kafkaConsumer, topics, Duration.ofSeconds(30));
            TopicPositions.seekToTime(kafkaConsumer, partitions, System.currentTimeMillis() - window.toMillis());
            Map<TopicPartition, Long> end = kafkaConsumer.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : kafkaConsumer.poll(Duration.ofMillis(200))) {
                    each.accept(record);
                }
                if (!caughtUp.isDone() && end.entrySet().stream()
                        .allMatch(e -> kafkaConsumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped following %s", name, topics);
            failure = e;
            caughtUp.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
