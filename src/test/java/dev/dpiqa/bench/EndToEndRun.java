package dev.dpiqa.bench;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.service.DecodedUpload;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The serving path under a steady stream of uploads: JPEG bytes decoded (as small as the model's manifest allows)
 * on a bounded decode pool, each image handed to the {@link StudentScorer}'s micro-batcher as soon as it is
 * decoded, as the pipeline's fetch-and-decode pool and REST's workers do. Up to {@code aheadOfModel} images beyond
 * one batch are decoded or waiting while a forward pass runs, so the model never waits for a decode as long as
 * decoding keeps up; the stream's images per second are then the model's.
 */
final class EndToEndRun implements BatchRun {

    private final List<byte[]> jpegs;
    private final int batchSize;
    private final ImageIntake intake;
    private final StudentScorer scorer;
    private final ExecutorService decodePool;
    private final int inFlight;

    /**
     * @param jpegs     cycled through
     * @param batchSize images per {@link #run} batch (the scorer's micro-batch in {@link ServingBench})
     * @param inFlight  images submitted and not yet scored: decoding, queued for the model or in a forward pass
     */
    EndToEndRun(List<byte[]> jpegs, int batchSize, ImageIntake intake, StudentScorer scorer, ExecutorService decodePool,
                int inFlight) {
        this.jpegs = List.copyOf(jpegs);
        this.batchSize = batchSize;
        this.intake = intake;
        this.scorer = scorer;
        this.decodePool = decodePool;
        this.inFlight = inFlight;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void run(int batches) throws InterruptedException {
        int images = batches * batchSize;
        Semaphore permits = new Semaphore(inFlight);
        CompletableFuture<?>[] scores = new CompletableFuture<?>[images];
        for (int i = 0; i < images; i++) {
            permits.acquire();
            byte[] jpeg = jpegs.get(i % jpegs.size());
            scores[i] = CompletableFuture.supplyAsync(() -> decode(jpeg), decodePool)
                    .thenCompose(upload -> scorer.score(upload, false))
                    .whenComplete((score, failure) -> permits.release());
        }
        CompletableFuture.allOf(scores).join();
    }

    private DecodedUpload decode(byte[] jpeg) {
        try {
            return DecodedUpload.decode(jpeg, intake, scorer.input());
        } catch (ImageRejectedException e) {
            throw new CompletionException(e);
        }
    }
}
