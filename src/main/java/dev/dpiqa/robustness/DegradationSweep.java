package dev.dpiqa.robustness;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.service.ResizingImageTensor;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a decoded photo and its degraded versions as {@code dpiqa score} scores an upload: each version goes to
 * the scorer as a decoded image, which the model resizes to its own input.
 */
public final class DegradationSweep {

    private final List<Degradation> degradations;

    public DegradationSweep(List<Degradation> degradations) {
        this.degradations = List.copyOf(degradations);
    }

    public List<Degradation> degradations() {
        return degradations;
    }

    /**
     * Submits every version before waiting for any, so that the scorer's micro-batcher fills its batches. Each
     * version is degraded from the one decoded photo and dropped once the scorer has made its model input.
     *
     * @throws java.util.concurrent.CompletionException when a version could not be scored
     */
    public PhotoScores score(DecodedImage photo, QualityScorer scorer) {
        CompletableFuture<QualityScore> unchanged = scorer.score(new ResizingImageTensor(photo), false);
        Map<String, List<CompletableFuture<QualityScore>>> pending = new LinkedHashMap<>();
        for (Degradation degradation : degradations) {
            List<CompletableFuture<QualityScore>> levels = new ArrayList<>(List.of(unchanged));
            for (int level = 1; level <= degradation.levels(); level++) {
                BufferedImage degraded = degradation.apply(photo.image(), level);
                levels.add(scorer.score(new ResizingImageTensor(new DecodedImage(degraded, photo.mediaType())), false));
            }
            pending.put(degradation.kind(), levels);
        }
        Map<String, double[]> mos = new LinkedHashMap<>();
        TreeSet<String> models = new TreeSet<>();
        pending.forEach((kind, levels) -> {
            List<QualityScore> scores = levels.stream().map(CompletableFuture::join).toList();
            mos.put(kind, scores.stream().mapToDouble(QualityScore::mos).toArray());
            scores.forEach(score -> models.add(score.model().toString()));
        });
        return new PhotoScores(photo.width(), photo.height(), mos, models);
    }
}
