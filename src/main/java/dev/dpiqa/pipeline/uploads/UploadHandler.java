package dev.dpiqa.pipeline.uploads;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.ScoredUpload;
import dev.dpiqa.pipeline.UploadProcessor;
import dev.dpiqa.pipeline.cascade.BorderlineHandover;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.RecordPosition;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ScoringMode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a batch of {@code image-uploads} (or retry) records into answers: a quality event, a borderline request
 * for the teacher workers, a retry, or a dead letter with its reason. Never drops a record: every one ends in
 * exactly one of those, or is skipped because the ledger shows it was answered before (a redelivery).
 *
 * <p>All records of a batch are fetched and scored at once (inference batches across them); the answers are
 * then written in record order, after the previous batch's, so one asset's events keep their order.
 */
public final class UploadHandler {

    private static final Logger LOG = Logger.getLogger(UploadHandler.class);

    /** What became of one record. */
    private sealed interface Result {
    }

    private record Duplicate() implements Result {
    }

    private record Scored(ScoredUpload scored) implements Result {
    }

    private record Failed(Failure failure) implements Result {
    }

    /**
     * @param key   the record's key in the ledger: its event's ({@link SourceEvent#key()}) or, when it is no readable
     *              event, its position's ({@link RecordPosition#key()})
     * @param event null when the record is no readable event
     * @param span  handling the upload, in the upload's trace, until its answer settles
     */
    private record Item(String key, InboundRecord record, CloudEvent event, long attempt, long startNanos,
                        Span span, CompletableFuture<Result> result) {
        String eventId() {
            return event == null ? null : event.id();
        }

        SourceEvent source() {
            return event == null ? null : SourceEvent.of(event);
        }
    }

    /**
     * @param issued    completes when every answer of the batch has been handed to the producers, in order
     * @param published completes when every answer of the batch is acknowledged by the broker
     * @param settled   completes when, in addition, every borderline upload has its final answer: commit then
     */
    public record Handled(CompletableFuture<Void> issued, CompletableFuture<Void> published,
                          CompletableFuture<Void> settled) {
    }

    /** Keys of events taken on and not yet settled, across overlapping batches: a redelivery meanwhile is skipped. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    private final RecordHandling handling;
    private final FailedUploads failed;
    private final UploadProcessor processor;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final BorderlineHandover handover;
    private final QualityEvents events;
    private final VerdictPolicy policy;
    private final PipelineConfig config;
    private final PipelineMetrics metrics;
    private final PipelineTracing tracing;

    public UploadHandler(RecordHandling handling, UploadProcessor processor, EventPublisher publisher,
                         ProcessedLedger ledger, BorderlineHandover handover, QualityEvents events, VerdictPolicy policy,
                         PipelineConfig config, PipelineMetrics metrics, PipelineTracing tracing) {
        this.handling = handling;
        this.failed = new FailedUploads(handling, publisher, ledger, config.retry(), metrics);
        this.processor = processor;
        this.publisher = publisher;
        this.ledger = ledger;
        this.handover = handover;
        this.events = events;
        this.policy = policy;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * @param service     the student's scoring service, loaded
     * @param writesAfter the previous batch's {@link Handled#issued}: this batch is fetched and scored at once, but
     *                    its answers are written only after those, so one asset's answers keep their order
     */
    public Handled handle(List<InboundRecord> records, ImageScoringService service,
                          CompletableFuture<Void> writesAfter) {
        metrics.batch(records.size());
        List<Item> items = new ArrayList<>(records.size());
        for (InboundRecord record : records) {
            items.add(start(record, service));
        }
        CompletableFuture<?>[] results = items.stream().map(Item::result).toArray(CompletableFuture[]::new);
        CompletableFuture<List<Answer>> answers = CompletableFuture.allOf(results).thenCombine(writesAfter,
                (done, previous) -> items.stream().map(this::answer).toList());
        CompletableFuture<Void> published = answers.thenCompose(list -> CompletableFuture.allOf(
                list.stream().map(Answer::written).toArray(CompletableFuture[]::new)));
        CompletableFuture<Void> settled = published.thenCompose(done -> CompletableFuture.allOf(
                answers.join().stream().map(Answer::settled).toArray(CompletableFuture[]::new)));
        return new Handled(answers.thenApply(list -> null), published, settled);
    }

    private Item start(InboundRecord record, ImageScoringService service) {
        long start = System.nanoTime();
        long attempt = PipelineHeaders.number(record.headers(), PipelineHeaders.RETRY_ATTEMPT, 0);
        metrics.received(record.topic());
        CloudEvent event = null;
        Failure unreadable = null;
        try {
            event = handling.decode(record);
        } catch (MalformedEventException e) {
            unreadable = Failure.malformed(e.getMessage());
        }
        String key = event == null ? record.position().key() : SourceEvent.of(event).key();
        if (ledger.progress(key) > attempt || !inProgress.add(key)) {
            return new Item(key, record, event, attempt, start, Span.getInvalid(),
                    CompletableFuture.completedFuture(new Duplicate()));
        }
        if (event == null) {
            return new Item(key, record, null, attempt, start, Span.getInvalid(),
                    CompletableFuture.completedFuture(new Failed(unreadable)));
        }
        Span span = tracing.start(record.topic() + " process", SpanKind.CONSUMER, tracing.contextOf(event));
        return new Item(key, record, event, attempt, start, span, score(event, service, span));
    }

    private CompletableFuture<Result> score(CloudEvent event, ImageScoringService service, Span parent) {
        try {
            UploadEvent upload = processor.upload(event);
            return tracing.within("score", SpanKind.INTERNAL, Context.root().with(parent),
                            span -> processor.score(upload, service, ScoringMode.STUDENT))
                    .<Result>thenApply(Scored::new)
                    .exceptionally(UploadHandler::failedOrRethrow);
        } catch (FailureException e) {
            return CompletableFuture.completedFuture(new Failed(e.failure()));
        }
    }

    private static Result failedOrRethrow(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof FailureException e) {
            return new Failed(e.failure());
        }
        throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }

    /** The write of one record's answer, and when that record may be committed. */
    private record Answer(CompletableFuture<Void> written, CompletableFuture<?> settled) {
        static Answer of(CompletableFuture<Void> written) {
            return new Answer(written, written);
        }
    }

    /** Writes the answer of one record; called in batch order. */
    private Answer answer(Item item) {
        Result result = item.result().join();
        MDC.put("eventId", item.eventId() == null ? item.record().position().toString() : item.eventId());
        try {
            if (result instanceof Duplicate) {
                metrics.duplicate();
                LOG.debugf("skipping %s: answered before (redelivery)", item.eventId());
                return Answer.of(CompletableFuture.completedFuture(null));
            }
            Answer answer = answerOf(item, result);
            answer.settled().whenComplete((ok, failure) -> {
                inProgress.remove(item.key());
                item.span().end();
            });
            return answer;
        } finally {
            MDC.remove("eventId");
        }
    }

    private Answer answerOf(Item item, Result result) {
        if (result instanceof Failed failed) {
            return Answer.of(fail(item, failed.failure()));
        }
        ScoredUpload scored = ((Scored) result).scored();
        QualityEvent student = events.student(scored, item.eventId(), elapsed(item));
        if (config.cascade().enabled() && policy.isBorderline(scored.score().mos())) {
            return handOver(item, student);
        }
        return Answer.of(publishFinal(item, student));
    }

    private CompletableFuture<Void> fail(Item item, Failure failure) {
        item.span().setStatus(StatusCode.ERROR, failure.code());
        return failed.answer(item.key(), item.record(), item.source(), item.attempt(), failure);
    }

    private CompletableFuture<Void> publishFinal(Item item, QualityEvent quality) {
        SourceEvent source = item.source();
        Context parent = Context.root().with(item.span());
        return tracing.within(config.topics().quality() + " publish", SpanKind.PRODUCER, parent, span -> publisher
                .quality(quality.assetId(), tracing.carrying(events.envelope(quality, source), span), source))
                .thenRun(() -> {
                    ledger.mark(item.key(), ProcessedLedger.FINAL);
                    metrics.answered(quality.quality().stage(), elapsed(item));
                });
    }

    /**
     * Borderline: ask the teacher workers, and have the watch publish the student's result, flagged, if they do
     * not answer by the deadline. The record settles when either answer is out.
     */
    private Answer handOver(Item item, QualityEvent student) {
        BorderlineHandover.HandedOver handedOver = handover.handOver(item.key(), item.event(), student, item.span(),
                () -> publishFinal(item, events.teacherUnavailable(student, elapsed(item))));
        return new Answer(handedOver.written(), handedOver.settled());
    }

    private static Duration elapsed(Item item) {
        return Duration.ofNanos(System.nanoTime() - item.startNanos());
    }
}
