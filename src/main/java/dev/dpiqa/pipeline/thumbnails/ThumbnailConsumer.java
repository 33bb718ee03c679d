package dev.dpiqa.pipeline.thumbnails;

import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.ImageSource;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineExecutor;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.ThumbnailRequest;
import dev.dpiqa.pipeline.event.ThumbnailSelectedEvent;
import dev.dpiqa.pipeline.event.ThumbnailSelectedEvent.CandidateResult;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.ImageTensor;
import dev.dpiqa.scoring.ThumbnailCandidate;
import dev.dpiqa.scoring.ThumbnailSelection;
import dev.dpiqa.scoring.ThumbnailSelector;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ModelRef;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ScoringEngine;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Thumbnail selection: scores all candidates of a {@code thumbnail-requests} event as one batch and writes one
 * {@code thumbnail-selected} event naming the best, with every candidate's score or error. A candidate that fails
 * to load is reported in the event; only an unreadable request is dead-lettered.
 */
@ApplicationScoped
public class ThumbnailConsumer {

    /** A request as read from its event. */
    record Request(ThumbnailRequest request, SourceEvent source) {
    }

    private final RecordHandling handling;
    private final ImageSource images;
    private final PipelineExecutor executor;
    private final EventPublisher publisher;
    private final ProcessedLedger ledger;
    private final ScoringEngine engine;
    private final PipelineConfig config;
    private final PipelineMetrics metrics;
    private final QualityEvents events;
    private final PipelineTracing tracing;

    public ThumbnailConsumer(RecordHandling handling, ImageSource images, PipelineExecutor executor,
                             EventPublisher publisher, ProcessedLedger ledger, ScoringEngine engine,
                             PipelineConfig config, PipelineMetrics metrics, QualityEvents events,
                             PipelineTracing tracing) {
        this.handling = handling;
        this.images = images;
        this.executor = executor;
        this.publisher = publisher;
        this.ledger = ledger;
        this.engine = engine;
        this.config = config;
        this.metrics = metrics;
        this.events = events;
        this.tracing = tracing;
    }

    @Incoming("thumbnail-requests-in")
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return RecordHandling.consume(batch, "thumbnail requests", records -> ledger.ready()
                .thenCombine(engine.start(), (ready, service) -> service)
                .thenCompose(service -> {
                    RecordHandling.Flow<Request> flow = flow(service);
                    // In order, one request at a time: its candidates already make a batch.
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (InboundRecord record : records) {
                        chain = chain.thenCompose(x -> {
                            metrics.received(record.topic());
                            return handling.handle(record, flow);
                        });
                    }
                    return chain;
                }));
    }

    /** What the consumer does with a request, given the loaded models; package-private for the unit tests. */
    RecordHandling.Flow<Request> flow(ImageScoringService service) {
        return new RecordHandling.Flow<>() {
            @Override
            public String eventType() {
                return EventTypes.THUMBNAIL_REQUESTED;
            }

            @Override
            public Request read(CloudEvent event, InboundRecord record) throws MalformedEventException {
                return new Request(ThumbnailRequest.from(event.data(), config.maxInlineBytes()), SourceEvent.of(event));
            }

            @Override
            public SourceEvent answers(Request request) {
                return request.source();
            }

            @Override
            public void skipped(Request request) {
                metrics.duplicate();
            }

            @Override
            public CompletableFuture<Void> answer(Request request, CloudEvent event) {
                return tracing.within("thumbnail-requests process", SpanKind.CONSUMER, tracing.contextOf(event),
                        span -> select(request.request(), request.source(), service, span));
            }
        };
    }

    private CompletableFuture<Void> select(ThumbnailRequest request, SourceEvent source, ImageScoringService service,
                                          Span span) {
        Map<String, Failure> loadFailures = new HashMap<>();
        List<CompletableFuture<Optional<ThumbnailCandidate>>> loads = request.candidates().stream()
                .map(c -> load(c, service, loadFailures)).toList();
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenCompose(x -> {
            List<ThumbnailCandidate> loaded = loads.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                    .toList();
            try {
                return new ThumbnailSelector(service.scorer(ScoringMode.STUDENT)).select(loaded);
            } catch (ModeUnavailableException e) {
                throw new CompletionException(e);
            }
        }).thenComposeAsync(selection -> { // off the model's batcher thread
            ThumbnailSelectedEvent answer = answer(request, selection, loadFailures, source.id());
            CloudEvent out = tracing.carrying(new CloudEvent(QualityEvents.answerId(source, "thumbnail"),
                    EventTypes.SOURCE, EventTypes.THUMBNAIL_SELECTED, Optional.of(Instant.now()),
                    Optional.of(request.assetId()), events.json().valueToTree(answer)), span);
            return publisher.thumbnailSelected(request.assetId(), out, source).thenRun(() -> {
                ledger.mark(source.key(), ProcessedLedger.FINAL);
                metrics.thumbnails(request.candidates().size(), selection.failures().size() + loadFailures.size());
            });
        }, executor.executor());
    }

    private CompletableFuture<Optional<ThumbnailCandidate>> load(ThumbnailRequest.Candidate candidate,
                                                                ImageScoringService service,
                                                                Map<String, Failure> failures) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ImageTensor image = service.decode(images.bytesOf(candidate.image()), ScoringMode.STUDENT);
                return Optional.of(new ThumbnailCandidate(candidate.id(), image));
            } catch (FailureException e) {
                synchronized (failures) {
                    failures.put(candidate.id(), e.failure());
                }
            } catch (ImageRejectedException e) {
                synchronized (failures) {
                    failures.put(candidate.id(), Failure.imageRejected(e));
                }
            } catch (ModeUnavailableException e) { // ours, not the candidate's: fail the request as select does
                throw new CompletionException(e);
            }
            return Optional.empty();
        }, executor.executor());
    }

    private static ThumbnailSelectedEvent answer(ThumbnailRequest request, ThumbnailSelection selection,
                                                 Map<String, Failure> loadFailures, String sourceId) {
        Map<String, CandidateResult> byId = new HashMap<>();
        ModelRef model = null;
        for (int rank = 0; rank < selection.ranking().size(); rank++) {
            ThumbnailSelection.Ranked ranked = selection.ranking().get(rank);
            byId.put(ranked.id(), new CandidateResult(ranked.id(), QualityReport.round(ranked.score().mos()),
                    QualityReport.name(ranked.score().verdict()), rank + 1, null, null));
            model = ModelRef.of(ranked.score().model());
        }
        selection.failures().forEach(f -> byId.put(f.id(),
                new CandidateResult(f.id(), null, null, null, "INFERENCE_FAILED", f.reason())));
        loadFailures.forEach((id, f) -> byId.put(id, new CandidateResult(id, null, null, null, f.code(), f.reason())));
        List<CandidateResult> results = new ArrayList<>();
        request.candidates().forEach(c -> results.add(byId.get(c.id())));
        return new ThumbnailSelectedEvent(request.assetId(),
                selection.best().map(ThumbnailSelection.Ranked::id).orElse(null), results, model, sourceId,
                request.tenant().orElse(null), request.callback().isEmpty() ? null : request.callback());
    }
}
