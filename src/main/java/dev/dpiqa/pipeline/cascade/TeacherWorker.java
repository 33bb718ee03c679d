package dev.dpiqa.pipeline.cascade;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.UploadProcessor;
import dev.dpiqa.pipeline.kafka.BatchAcks;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.pipeline.event.BorderlineRequest;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.app.ScoringEngine;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ScoringMode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private final CloudEventCodec codec;
    private final UploadProcessor processor;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final QualityEvents events;
    private final ScoringEngine engine;
    private final PipelineConfig config;
    private final PipelineMetrics metrics;
    private final PipelineTracing tracing;

    public TeacherWorker(CloudEventCodec codec, UploadProcessor processor, EventPublisher publisher,
                         ProcessedLedger ledger, QualityEvents events, ScoringEngine engine, PipelineConfig config,
                         PipelineMetrics metrics, PipelineTracing tracing) {
        this.codec = codec;
        this.processor = processor;
        this.publisher = publisher;
        this.ledger = ledger;
        this.events = events;
        this.engine = engine;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** A borderline request as the student wrote it, with the upload read from it. */
    private record Request(CloudEvent event, SourceEvent source, UploadEvent upload, QualityEvent student,
                           Instant deadline) {
    }

    @Incoming("borderline-in")
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<InboundRecord> records = batch.getRecords().stream().map(InboundRecord::of).toList();
        CompletableFuture<Void> done = ledger.ready().thenCombine(engine.start(), (ready, service) -> service)
                .thenCompose(service -> CompletableFuture.allOf(records.stream()
                        .map(record -> handle(record, service)).toArray(CompletableFuture[]::new)));
        BatchAcks.whenSettled(batch, done, "borderline requests");
        return done;
    }

    private CompletableFuture<Void> handle(InboundRecord record, ImageScoringService service) {
        long start = System.nanoTime();
        Request request;
        try {
            request = read(record);
        } catch (MalformedEventException e) {
            metrics.deadLettered("MALFORMED_EVENT");
            return publisher.deadLetter(record, Failure.permanent("MALFORMED_EVENT", e.getMessage()), null);
        }
        if (ledger.progress(request.source().key()) == ProcessedLedger.FINAL) {
            metrics.teacher("duplicate", Duration.ofNanos(System.nanoTime() - start));
            return CompletableFuture.completedFuture(null);
        }
        if (Instant.now().isAfter(request.deadline())) {
            metrics.teacher("expired", Duration.ofNanos(System.nanoTime() - start));
            return CompletableFuture.completedFuture(null);
        }
        return tracing.within("image-quality-borderline process", SpanKind.CONSUMER,
                tracing.contextOf(request.event()), span -> answer(request, service, start, span));
    }

    private CompletableFuture<Void> answer(Request request, ImageScoringService service, long start, Span span) {
        return processor.score(request.upload(), service, ScoringMode.TEACHER).handle((scored, failure) -> {
            Duration teacherTime = Duration.ofNanos(System.nanoTime() - start);
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

    private Request read(InboundRecord record) throws MalformedEventException {
        CloudEvent event = codec.decode(record.value(), record.headers());
        if (!EventTypes.QUALITY_BORDERLINE.equals(event.type())) {
            throw new MalformedEventException("unexpected event type '" + event.type() + "' on the borderline topic");
        }
        SourceEvent source = SourceEvent.readFrom(record.headers())
                .orElseThrow(() -> new MalformedEventException("no " + PipelineHeaders.SOURCE_EVENT_ID + " header"));
        BorderlineRequest request = BorderlineRequest.from(event.data(), events.json());
        return new Request(event, source, UploadEvent.from(request.upload(), config.maxInlineBytes()),
                request.student(), request.deadline());
    }
}
