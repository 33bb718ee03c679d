package dev.dpiqa.bench;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.ModelInputResizer;
import dev.dpiqa.scoring.StudentScorer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The serving path: each image's JPEG bytes are decoded and resized on a request pool, as concurrent uploads
 * would be, then submitted to the {@link StudentScorer}, whose micro-batcher runs them as one forward pass.
 */
final class EndToEndRun implements BatchRun {

    private final List<byte[]> jpegs;
    private final ImageIntake intake;
    private final ModelInputResizer resizer;
    private final StudentScorer scorer;
    private final ExecutorService requests;

    EndToEndRun(List<byte[]> jpegs, ImageIntake intake, ModelInputResizer resizer, StudentScorer scorer,
                ExecutorService requests) {
        this.jpegs = List.copyOf(jpegs);
        this.intake = intake;
        this.resizer = resizer;
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
                .map(jpeg -> CompletableFuture.supplyAsync(() -> preprocess(jpeg), requests)
                        .thenCompose(chw -> scorer.score(chw, false)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private float[] preprocess(byte[] jpeg) {
        try {
            return resizer.toChw(intake.decode(jpeg).image());
        } catch (ImageRejectedException e) {
            throw new CompletionException(e);
        }
    }
}
