package dev.dpiqa.pipeline.uploads;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What becomes of an upload that could not be scored: retried, after a back-off that doubles per attempt, while its
 * failure is transient and attempts remain; else dead-lettered with its reason, a transient one as "gave up after
 * N attempts". Either way the ledger records it, so a redelivery is not answered twice.
 */
final class FailedUploads {

    private static final Logger LOG = Logger.getLogger(FailedUploads.class);

    private final RecordHandling handling;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final PipelineConfig.Retry retry;
    private final PipelineMetrics metrics;

    FailedUploads(RecordHandling handling, EventPublisher publisher, ProcessedLedger ledger,
                  PipelineConfig.Retry retry, PipelineMetrics metrics) {
        this.handling = handling;
        this.publisher = publisher;
        this.ledger = ledger;
        this.retry = retry;
        this.metrics = metrics;
    }

    /**
     * @param key     the record's key in the ledger
     * @param source  the upload event; null when the record was no readable event, which is never retried
     * @param attempt how many times it was retried before
     * @return completes when the retry or the dead letter is acknowledged
     */
    CompletableFuture<Void> answer(String key, InboundRecord record, SourceEvent source, long attempt,
                                   Failure failure) {
        if (failure.retryable() && source != null && attempt < retry.maxAttempts()) {
            long next = attempt + 1;
            long due = System.currentTimeMillis() + backoff(next).toMillis();
            LOG.warnf("failed (%s), retry %d of %d: %s", failure.code(), next, retry.maxAttempts(), failure.reason());
            metrics.retried(failure.code());
            return publisher.retry(record, failure, source, next, due).thenRun(() -> ledger.mark(key, next));
        }
        Failure last = failure.retryable()
                ? Failure.permanent(failure.code(), "gave up after " + (attempt + 1) + " attempts: " + failure.reason())
                : failure;
        return handling.deadLetter(record, last, source).thenRun(() -> ledger.mark(key, ProcessedLedger.FINAL));
    }

    /** {@code initialBackoff} doubled per attempt, capped. */
    Duration backoff(long attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration backoff = retry.initialBackoff().multipliedBy(factor);
        return backoff.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : backoff;
    }
}
