package dev.dpiqa.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Picks the best of N candidate images (video frames, crops) by quality. All candidates are submitted at once, so
 * a micro-batching scorer runs them as one batch. One failing candidate is reported, never fatal to the others.
 */
public final class ThumbnailSelector {

    private static final Comparator<ThumbnailSelection.Ranked> BEST_FIRST = Comparator
            .comparingDouble((ThumbnailSelection.Ranked r) -> r.score().mos()).reversed()
            .thenComparingInt(ThumbnailSelection.Ranked::index);

    private final QualityScorer scorer;

    public ThumbnailSelector(QualityScorer scorer) {
        this.scorer = scorer;
    }

    public CompletableFuture<ThumbnailSelection> select(List<ThumbnailCandidate> candidates) {
        List<CompletableFuture<QualityScore>> scores = candidates.stream().map(this::scoreOne).toList();
        return CompletableFuture.allOf(scores.toArray(CompletableFuture[]::new))
                .handle((ignored, anyFailure) -> collect(candidates, scores));
    }

    private CompletableFuture<QualityScore> scoreOne(ThumbnailCandidate candidate) {
        try {
            return scorer.score(candidate.image(), false);
        } catch (RuntimeException e) { // a scorer may throw rather than fail its future
            return CompletableFuture.failedFuture(e);
        }
    }

    private static ThumbnailSelection collect(List<ThumbnailCandidate> candidates,
                                              List<CompletableFuture<QualityScore>> scores) {
        List<ThumbnailSelection.Ranked> ranking = new ArrayList<>();
        List<ThumbnailSelection.Failure> failures = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String id = candidates.get(i).id();
            try {
                ranking.add(new ThumbnailSelection.Ranked(id, i, scores.get(i).join()));
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.add(new ThumbnailSelection.Failure(id, i, cause.toString()));
            }
        }
        ranking.sort(BEST_FIRST);
        return new ThumbnailSelection(List.copyOf(ranking), List.copyOf(failures));
    }
}
