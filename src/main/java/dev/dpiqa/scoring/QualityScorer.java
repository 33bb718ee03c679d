package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;
import java.util.concurrent.CompletableFuture;

/** Scores decoded images; adapters (REST, Kafka, CLI) depend on this, not on a model or an engine. */
public interface QualityScorer {

    /** The input of the first model that reads an image given to {@link #score}: decode for it. */
    ModelViews input();

    /**
     * @param image          asked for the input size of each model that scores it (see the models' manifests)
     * @param withQualityMap whether the result carries the quality map (about 128 KB per image)
     * @return completes with the score, or exceptionally when the image cannot be scored
     */
    CompletableFuture<QualityScore> score(ImageTensor image, boolean withQualityMap);
}
