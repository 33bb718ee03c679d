package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the pipeline has already answered, learned from its own output topics: the at-least-once half of "each
 * upload once". A redelivered upload (a consumer crashed after publishing but before committing) finds its event
 * here, by {@link SourceEvent#key()} (a record that was no readable event by {@link RecordPosition#key()}), and
 * is skipped. Reads the answer topics (quality, dead letters, thumbnails:
 * final) and the retry topic (attempt n scheduled) from {@code window} ago, without a consumer group, so every
 * instance sees every partition; only the source event headers are read ({@link SourceEvent#readFrom}), never the
 * value.
 *
 * <p>Consumers must wait for {@link #ready()}: until the ledger has read to the end offsets it saw at start,
 * it cannot tell a redelivery from a new event.
 */
public final class ProcessedLedger implements AutoCloseable {

    /** Progress of an event that has its answer (quality event, dead letter, thumbnail selection). */
    public static final long FINAL = Long.MAX_VALUE;

    private static final Logger LOG = Logger.getLogger(ProcessedLedger.class);

    private final Set<String> finalTopics;
    private final String retryTopic;
    private final Map<String, Long> progress;
    private final TopicTail tail;
    private final CompletableFuture<Void> ready;
    private final List<Consumer<String>> finalListeners = new CopyOnWriteArrayList<>();

    /**
     * @param kafka       client configuration (bootstrap servers, security); deserializers and group are set here
     * @param finalTopics topics whose records answer an event
     * @param retryTopic  topic whose records carry {@link PipelineHeaders#RETRY_ATTEMPT}
     * @param capacity    most event ids kept; the least recently seen are forgotten
     */
    public ProcessedLedger(Map<String, Object> kafka, Set<String> finalTopics, String retryTopic, Duration window,
                           int capacity) {
        this.finalTopics = Set.copyOf(finalTopics);
        this.retryTopic = retryTopic;
        this.progress = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
        List<String> topics = new ArrayList<>(finalTopics);
        topics.add(retryTopic);
        this.tail = new TopicTail(kafka, "dpiqa-ledger", topics, window, this::read);
        this.ready = tail.caughtUp().thenRun(() -> LOG.infof("ledger caught up: %d answered events in the last %s",
                size(), window));
    }

    public void start() {
        tail.start();
    }

    /** Completes once the topics have been read up to where they ended at start-up. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** 0 for an event never seen, the retry attempt scheduled, or {@link #FINAL}. */
    public long progress(String eventId) {
        synchronized (progress) {
            return progress.getOrDefault(eventId, 0L);
        }
    }

    /** Records our own output at once, before reading it back from the topic. */
    public void mark(String eventId, long value) {
        boolean becameFinal;
        synchronized (progress) {
            long before = progress.getOrDefault(eventId, 0L);
            progress.put(eventId, Math.max(before, value));
            becameFinal = value == FINAL && before != FINAL;
        }
        if (becameFinal) {
            finalListeners.forEach(l -> l.accept(eventId));
        }
    }

    /** Called with an event id whenever it first gets its answer, from any instance. */
    public void onFinal(Consumer<String> listener) {
        finalListeners.add(listener);
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        Optional<SourceEvent> source = SourceEvent.readFrom(record.headers());
        if (source.isPresent()) {
            mark(source.get().key(), record.topic().equals(retryTopic)
                    ? PipelineHeaders.number(record.headers(), PipelineHeaders.RETRY_ATTEMPT, 1) : FINAL);
        } else if (finalTopics.contains(record.topic())) { // a dead letter of a record that was no readable event
            RecordPosition.readFrom(record.headers()).ifPresent(position -> mark(position.key(), FINAL));
        }
    }

    private int size() {
        synchronized (progress) {
            return progress.size();
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
