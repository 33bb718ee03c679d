package dev.dpiqa.pipeline.cascade;

import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.UploadProcessor;
import dev.dpiqa.pipeline.event.BorderlineRequest;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ScoringEngine;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The teacher side of the cascade (the {@code teacher} profile, on GPU nodes): scores borderline uploads with the
 * teacher and writes the final quality event. A request past its deadline is left to the student's fallback; one
 * already answered (redelivery) is skipped. Failures are never dead-lettered here: the student publishes its own
 * result when no teacher answers, so nothing is lost.
 */
@ApplicationScoped
public class TeacherWorker {

    private static final Logger LOG = Logger.getLogger(TeacherWorker.class);

    private final RecordHandling handling;
    private final UploadProcessor processor;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final QualityEvents events;
    private final ScoringEngine engine;
    private final PipelineConfig config;
    private final PipelineMetrics metrics;
    private final PipelineTracing tracing;

    public TeacherWorker(RecordHandling handling, UploadProcessor processor, EventPublisher publisher,
                         ProcessedLedger ledger, QualityEvents events, ScoringEngine engine, PipelineConfig config,
                         PipelineMetrics metrics, PipelineTracing tracing) {
        this.handling = handling;
        this.processor = processor;
        this.publisher = publisher;
        this.ledger = ledger;
        this.events = events;
        this.engine = engine;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * A borderline request as the student wrote it, with the upload read from it.
     *
     * @param source     the upload the request is about, whose answer the ledger records
     * @param startNanos when the worker took it
     */
    record Request(SourceEvent source, UploadEvent upload, QualityEvent student, Instant deadline,
                           long startNanos) {
        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    @Incoming("borderline-in")
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return RecordHandling.consume(batch, "borderline requests", records -> ledger.ready()
                .thenCombine(engine.start(), (ready, service) -> flow(service))
                .thenCompose(flow -> CompletableFuture.allOf(records.stream()
                        .map(record -> handling.handle(record, flow)).toArray(CompletableFuture[]::new))));
    }

    /** What the worker does with a request, given the loaded models; package-private for the unit tests. */
    RecordHandling.Flow<Request> flow(ImageScoringService service) {
        return new RecordHandling.Flow<>() {
            @Override
            public String eventType() {
                return EventTypes.QUALITY_BORDERLINE;
            }

            @Override
            public Request read(CloudEvent event, InboundRecord record) throws MalformedEventException {
                long start = System.nanoTime();
                SourceEvent source = SourceEvent.readFrom(record.headers()).orElseThrow(
                        () -> new MalformedEventException("no " + PipelineHeaders.SOURCE_EVENT_ID + " header"));
                BorderlineRequest request = BorderlineRequest.from(event.data(), events.json());
                return new Request(source, UploadEvent.from(request.upload(), config.maxInlineBytes()),
                        request.student(), request.deadline(), start);
            }

            @Override
            public SourceEvent answers(Request request) {
                return request.source();
            }

            @Override
            public void skipped(Request request) {
                metrics.teacher("duplicate", request.elapsed());
            }

            @Override
            public CompletableFuture<Void> answer(Request request, CloudEvent event) {
                if (Instant.now().isAfter(request.deadline())) {
                    metrics.teacher("expired", request.elapsed());
                    return CompletableFuture.completedFuture(null);
                }
                return tracing.within("image-quality-borderline process", SpanKind.CONSUMER,
                        tracing.contextOf(event), span -> TeacherWorker.this.answer(request, service, span));
            }
        };
    }

    private CompletableFuture<Void> answer(Request request, ImageScoringService service, Span span) {
        return processor.score(request.upload(), service, ScoringMode.TEACHER).handle((scored, failure) -> {
            Duration teacherTime = request.elapsed();
            if (failure != null) {
                LOG.warnf("teacher could not score %s, the student's result will stand: %s",
                        request.source().id(), failure.getCause() == null ? failure : failure.getCause());
                metrics.teacher("failed", teacherTime);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (Instant.now().isAfter(request.deadline())) {
                metrics.teacher("expired", teacherTime);
                return CompletableFuture.<Void>completedFuture(null);
            }
            Duration total = Duration.ofMillis(Math.round(
                    request.student().quality().latencyMs().getOrDefault("total", 0.0))).plus(teacherTime);
            QualityEvent answer = events.teacher(scored.score(), request.student(), teacherTime, total);
            CloudEvent envelope = tracing.carrying(events.envelope(answer, request.source()), span);
            return publisher.quality(answer.assetId(), envelope, request.source())
                    .thenRun(() -> {
                        ledger.mark(request.source().key(), ProcessedLedger.FINAL);
                        metrics.teacher("answered", teacherTime);
                        metrics.answered(answer.quality().stage(), total);
                    });
        }).thenCompose(f -> f);
    }
}
