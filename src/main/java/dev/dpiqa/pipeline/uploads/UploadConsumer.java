package dev.dpiqa.pipeline.uploads;

import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.serving.ScoringEngine;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code image-uploads} and the retry topic in batches (one poll each, up to {@code max.poll.records}).
 * A batch's offsets are committed only once every record in it has its answer acknowledged by the broker
 * (throttled commit strategy): a crash at any point redelivers, and the ledger suppresses what was answered.
 * The next batch is taken while this one is scored, and the one after once this one's answers are written, so
 * neither the broker's round trips nor borderline uploads waiting for a teacher hold up the stream.
 */
@ApplicationScoped
public class UploadConsumer {

    private static final Logger LOG = Logger.getLogger(UploadConsumer.class);

    private final UploadHandler handler;
    private final ScoringEngine engine;
    private final ProcessedLedger ledger;
    private final InFlight inFlight = new InFlight();
    private final BatchOrder uploadsOrder = new BatchOrder();
    private final BatchOrder retriesOrder = new BatchOrder();

    /**
     * One channel's last batch. Two batches are in flight per channel: while one writes its answers and waits for
     * the broker, the next is fetched, decoded and scored, which keeps the model busy between polls.
     */
    private static final class BatchOrder {
        private CompletableFuture<Void> lastIssued = CompletableFuture.completedFuture(null);
        private CompletableFuture<Void> lastPublished = CompletableFuture.completedFuture(null);
    }

    public UploadConsumer(UploadHandler handler, ScoringEngine engine, ProcessedLedger ledger) {
        this.handler = handler;
        this.engine = engine;
        this.ledger = ledger;
    }

    @Incoming("uploads-in")
    public CompletionStage<Void> uploads(KafkaRecordBatch<String, byte[]> batch) {
        return consume(batch, uploadsOrder);
    }

    /** Retries are due at their {@code dpiqa-retry-not-before}; the batch waits for its latest. */
    @Incoming("retry-in")
    public CompletionStage<Void> retries(KafkaRecordBatch<String, byte[]> batch) {
        long due = batch.getRecords().stream()
                .mapToLong(r -> PipelineHeaders.number(r.getHeaders(), PipelineHeaders.RETRY_NOT_BEFORE, 0))
                .max().orElse(0);
        long wait = Math.max(0, due - System.currentTimeMillis());
        return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(x -> consume(batch, retriesOrder));
    }

    /** SmallRye calls this once per batch and channel, in order; the returned stage admits the next batch. */
    private CompletableFuture<Void> consume(KafkaRecordBatch<String, byte[]> batch, BatchOrder order) {
        List<InboundRecord> records = RecordHandling.records(batch);
        CompletableFuture<Void> writesAfter = order.lastIssued;
        CompletableFuture<Void> admitNext = order.lastPublished;
        CompletableFuture<UploadHandler.Handled> handled = ledger.ready()
                .thenCombine(engine.start(), (ready, service) -> handler.handle(records, service, writesAfter));
        order.lastIssued = handled.thenCompose(UploadHandler.Handled::issued);
        order.lastPublished = handled.thenCompose(UploadHandler.Handled::published);
        CompletableFuture<Void> settled = inFlight.track(handled.thenCompose(UploadHandler.Handled::settled));
        RecordHandling.whenSettled(batch, settled, "records");
        return admitNext;
    }

    /** Lets in-flight batches write their answers before the connectors close. */
    void drain(@Observes @Priority(1) ShutdownEvent event) {
        if (inFlight.size() > 0) {
            LOG.infof("waiting for %d in-flight batches", inFlight.size());
            if (!inFlight.awaitSettled(Duration.ofSeconds(20))) {
                LOG.warn("in-flight batches did not settle; they will be redelivered to another consumer");
            }
        }
    }
}
