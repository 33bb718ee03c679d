package dev.dpiqa.pipeline.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.event.BorderlineRequest;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import io.opentelemetry.api.trace.Span;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The student side of the cascade over Kafka: hands a borderline upload to the teacher workers as an
 * {@code image-quality-borderline} event and has the {@link BorderlineWatch} publish the student's own answer,
 * flagged, if no teacher answers by the deadline. The student never waits for a teacher.
 */
public final class BorderlineHandover {

    /**
     * @param written completes when the broker has the borderline request
     * @param settled completes when the upload has its final answer, the teacher's or the fallback: commit then
     */
    public record HandedOver(CompletableFuture<Void> written, CompletableFuture<?> settled) {
    }

    private final BorderlineWatch watch;
    private final EventPublisher publisher;
    private final QualityEvents events;
    private final PipelineMetrics metrics;
    private final PipelineTracing tracing;
    private final Duration deadline;

    /** @param deadline how long the teacher workers have, from the hand-over */
    public BorderlineHandover(BorderlineWatch watch, EventPublisher publisher, QualityEvents events,
                              PipelineMetrics metrics, PipelineTracing tracing, Duration deadline) {
        this.watch = watch;
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
        this.tracing = tracing;
        this.deadline = deadline;
    }

    /**
     * @param key      the upload's key in the ledger
     * @param upload   the upload event as the student received it
     * @param student  the student's answer
     * @param span     handling the upload; the request carries its trace context
     * @param fallback publishes the student's answer, flagged; runs at most once, only if no teacher answered
     */
    public HandedOver handOver(String key, CloudEvent upload, QualityEvent student, Span span,
                               Supplier<CompletableFuture<Void>> fallback) {
        Instant due = Instant.now().plus(deadline);
        metrics.borderline();
        CompletableFuture<Boolean> answered = watch.watch(key, due, () -> {
            metrics.teacherFallback();
            return fallback.get();
        });
        SourceEvent source = SourceEvent.of(upload);
        JsonNode request = events.json().valueToTree(new BorderlineRequest(upload.data(), student, due));
        CloudEvent event = tracing.carrying(new CloudEvent(QualityEvents.answerId(source, "borderline"),
                EventTypes.SOURCE, EventTypes.QUALITY_BORDERLINE, Optional.of(Instant.now()),
                Optional.of(student.assetId()), request), span);
        CompletableFuture<Void> written = publisher.borderline(student.assetId(), event, source);
        return new HandedOver(written, written.thenCompose(x -> answered));
    }
}
