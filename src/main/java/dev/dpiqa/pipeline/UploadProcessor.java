package dev.dpiqa.pipeline;

import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ScoringMode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One upload event to one score: validate, fetch, decode, score. Fetching and decoding run on the given executor
 * (its size bounds the images in memory at once); inference completes the future. Every failure that is the
 * event's fault or the network's completes the future with a {@link FailureException}; anything else (a model
 * that is not deployed) is ours and fails it as is, so the consumer stops rather than dead-letter good events.
 */
public final class UploadProcessor {

    private final ImageSource images;
    private final Executor executor;
    private final int maxInlineBytes;

    public UploadProcessor(ImageSource images, Executor executor, int maxInlineBytes) {
        this.images = images;
        this.executor = executor;
        this.maxInlineBytes = maxInlineBytes;
    }

    /** Reads the upload from an {@code image-uploads} event. */
    public UploadEvent upload(CloudEvent event) throws FailureException {
        try {
            EventTypes.require(event, EventTypes.IMAGE_UPLOADED);
            return UploadEvent.from(event.data(), maxInlineBytes);
        } catch (MalformedEventException e) {
            throw new FailureException(Failure.malformed(e.getMessage()));
        }
    }

    public CompletableFuture<ScoredUpload> score(UploadEvent upload, ImageScoringService service, ScoringMode mode) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                byte[] bytes = images.bytesOf(upload);
                long fetched = System.nanoTime();
                // Async: the model's batcher thread completes the score, and whatever follows (events, producers)
                // must not hold up its next forward pass.
                return service.score(bytes, mode, false).handleAsync((score, failure) -> scored(upload, score,
                        failure, Duration.ofNanos(fetched - start), Duration.ofNanos(System.nanoTime() - fetched)),
                        executor);
            } catch (FailureException e) {
                throw new CompletionException(e);
            } catch (ImageRejectedException e) {
                throw new CompletionException(new FailureException(Failure.imageRejected(e)));
            } catch (ModeUnavailableException e) {
                throw new CompletionException(e);
            }
        }, executor).thenCompose(f -> f);
    }

    private static ScoredUpload scored(UploadEvent upload, QualityScore score, Throwable failure, Duration fetch,
                                       Duration scoring) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            // The model refused or failed this batch (overload, shutdown): the image itself may be fine.
            throw new CompletionException(new FailureException(
                    Failure.retryable("INFERENCE_FAILED", "inference failed: " + cause)));
        }
        return new ScoredUpload(upload, score, fetch, scoring);
    }
}
