package dev.dpiqa.pipeline.cascade;

import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The student side of the cascade over Kafka: after handing a borderline upload to the teacher workers, waits
 * (without blocking anything) for its answer to appear in the {@link ProcessedLedger}; past the deadline and a
 * grace period it publishes the fallback (the student's result, flagged) instead. The upload's offset is committed
 * only when one of the two happened, so a crash meanwhile redelivers it.
 */
public final class BorderlineWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BorderlineWatch.class);

    private final ProcessedLedger ledger;
    private final Duration grace;
    private final Map<String, CompletableFuture<Boolean>> answered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dpiqa-borderline-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public BorderlineWatch(ProcessedLedger ledger, Duration grace) {
        this.ledger = ledger;
        this.grace = grace;
        ledger.onFinal(id -> {
            CompletableFuture<Boolean> waiting = answered.get(id);
            if (waiting != null) {
                waiting.complete(true);
            }
        });
    }

    /**
     * Call before sending the borderline request, so an answer that comes back at once is not missed.
     *
     * @param fallback publishes the flagged student result; runs at most once, only if no answer came
     * @return completes with true when a teacher answered, false when the fallback was published
     */
    public CompletableFuture<Boolean> watch(String eventId, Instant deadline,
                                            Supplier<CompletableFuture<Void>> fallback) {
        CompletableFuture<Boolean> waiting = answered.computeIfAbsent(eventId, id -> new CompletableFuture<>());
        if (ledger.progress(eventId) == ProcessedLedger.FINAL) {
            waiting.complete(true);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), deadline).plus(grace).toMillis());
        timer.schedule(() -> {
            if (!waiting.isDone()) {
                LOG.infof("no teacher answer for %s by its deadline: publishing the student's result, flagged", eventId);
                fallback.get().whenComplete((ok, failure) -> {
                    if (failure == null) {
                        waiting.complete(false);
                    } else {
                        waiting.completeExceptionally(failure);
                    }
                });
            }
        }, delay, TimeUnit.MILLISECONDS);
        return waiting.whenComplete((ok, failure) -> answered.remove(eventId, waiting));
    }

    /** Borderline uploads still waiting for a teacher. */
    public int pending() {
        return answered.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
