package dev.dpiqa.scoring;

import java.util.concurrent.CompletableFuture;

/** Scores preprocessed images; adapters (REST, Kafka, CLI) depend on this, not on a model or an engine. */
public interface QualityScorer {

    /**
     * @param chw            float[] CHW RGB in [0,1] at the serving model's input size (see its manifest)
     * @param withQualityMap whether the result carries the quality map (about 128 KB per image)
     * @return completes with the score, or exceptionally when the image cannot be scored
     */
    CompletableFuture<QualityScore> score(float[] chw, boolean withQualityMap);
}
