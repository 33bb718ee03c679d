package dev.dpiqa.pipeline.kafka;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The steps every consumer takes with its records, written once: a batch's records read and the batch committed
 * once all its work has settled ({@link #consume}, {@link #whenSettled}); each record decoded as a CloudEvent of the flow's type, skipped
 * when the ledger shows it answered, dead-lettered with its reason when it is no such event ({@link #handle}).
 * A flow that answers record by record supplies only what is its own, a {@link Flow}. The upload flow, which orders
 * its answers across a batch and retries, and the label intake, whose records need no dedupe, take the steps one by
 * one ({@link #decode}, {@link #deadLetter}).
 */
public final class RecordHandling {

    private static final Logger LOG = Logger.getLogger(RecordHandling.class);

    /** What a flow does with an event of its type. */
    public interface Flow<T> {

        /** The CloudEvents type the flow answers; a record of another type is dead-lettered. */
        String eventType();

        /**
         * The event's data as the flow needs it.
         *
         * @throws MalformedEventException to dead-letter the record as malformed
         * @throws FailureException        to dead-letter the record with that failure
         */
        T read(CloudEvent event, InboundRecord record) throws MalformedEventException, FailureException;

        /** The event the ledger records the answer of: one answered before (a redelivery) is skipped. */
        SourceEvent answers(T request);

        /** Counts a record skipped as answered before. */
        void skipped(T request);

        /** Answers the request; completes when the broker has acknowledged the answer. */
        CompletableFuture<Void> answer(T request, CloudEvent event);
    }

    private final CloudEventCodec codec;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final PipelineMetrics metrics;

    public RecordHandling(CloudEventCodec codec, EventPublisher publisher, ProcessedLedger ledger,
                          PipelineMetrics metrics) {
        this.codec = codec;
        this.publisher = publisher;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** A batch's records as the flows read them. */
    public static List<InboundRecord> records(KafkaRecordBatch<String, byte[]> batch) {
        return batch.getRecords().stream().map(InboundRecord::of).toList();
    }

    /**
     * Runs {@code work} on a batch's records and commits the batch once it has settled.
     *
     * @param what the records' name in the log, should the batch fail
     * @return the work, settled
     */
    public static CompletableFuture<Void> consume(KafkaRecordBatch<String, byte[]> batch, String what,
                                                  Function<List<InboundRecord>, CompletableFuture<Void>> work) {
        CompletableFuture<Void> done = work.apply(records(batch));
        whenSettled(batch, done, what);
        return done;
    }

    /**
     * Commits the batch once {@code settled} completes, or fails the channel so the batch is redelivered. A failure
     * here is never an event's fault (those are answered or dead-lettered) but the model's or the broker's: the nack
     * fails the channel, the instance turns unhealthy and restarts, and the uncommitted batch is redelivered.
     */
    public static void whenSettled(KafkaRecordBatch<?, ?> batch, CompletableFuture<?> settled, String what) {
        settled.whenComplete((ok, failure) -> {
            if (failure == null) {
                batch.ack();
            } else {
                LOG.errorf(failure, "a batch of %d %s failed; it will be redelivered", batch.getRecords().size(), what);
                batch.nack(failure);
            }
        });
    }

    /** The record's CloudEvent, structured or binary. */
    public CloudEvent decode(InboundRecord record) throws MalformedEventException {
        return codec.decode(record.value(), record.headers());
    }

    /** Decode, type check, dedupe, then the flow's answer, or the dead-letter topic; completes when written. */
    public <T> CompletableFuture<Void> handle(InboundRecord record, Flow<T> flow) {
        CloudEvent event;
        T request;
        try {
            event = decode(record);
            EventTypes.require(event, flow.eventType());
            request = flow.read(event, record);
        } catch (MalformedEventException e) {
            return deadLetter(record, Failure.malformed(e.getMessage()), null);
        } catch (FailureException e) {
            return deadLetter(record, e.failure(), null);
        }
        if (ledger.progress(flow.answers(request).key()) == ProcessedLedger.FINAL) {
            flow.skipped(request);
            return CompletableFuture.completedFuture(null);
        }
        return flow.answer(request, event);
    }

    /**
     * The record as it came, to the dead-letter topic with the failure's code and reason, logged and counted.
     *
     * @param source the event the record is, when it could be read; null otherwise
     */
    public CompletableFuture<Void> deadLetter(InboundRecord record, Failure failure, SourceEvent source) {
        LOG.warnf("%s dead-lettered (%s): %s", record.position(), failure.code(), failure.reason());
        metrics.deadLettered(failure.code());
        return publisher.deadLetter(record, failure, source);
    }
}
