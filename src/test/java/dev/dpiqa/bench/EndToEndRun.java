package dev.dpiqa.bench;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.service.ResizingImageTensor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The serving path: each image's JPEG bytes are decoded and resized on a request pool, as concurrent uploads
 * would be (the {@link StudentScorer} resizes to its model's input on the submitting thread), then its
 * micro-batcher runs them as one forward pass.
 */
final class EndToEndRun implements BatchRun {

    private final List<byte[]> jpegs;
    private final ImageIntake intake;
    private final StudentScorer scorer;
    private final ExecutorService requests;

    EndToEndRun(List<byte[]> jpegs, ImageIntake intake, StudentScorer scorer, ExecutorService requests) {
        this.jpegs = List.copyOf(jpegs);
        this.intake = intake;
        this.scorer = scorer;
        this.requests = requests;
    }

    @Override
    public int batchSize() {
        return jpegs.size();
    }

    @Override
    public void run() {
        CompletableFuture.allOf(jpegs.stream()
                .map(jpeg -> CompletableFuture
                        .supplyAsync(() -> scorer.score(new ResizingImageTensor(decode(jpeg)), false), requests)
                        .thenCompose(score -> score))
                .toArray(CompletableFuture[]::new)).join();
    }

    private DecodedImage decode(byte[] jpeg) {
        try {
            return intake.decode(jpeg);
        } catch (ImageRejectedException e) {
            throw new CompletionException(e);
        }
    }
}
