package dev.dpiqa.scoring;

import static dev.dpiqa.scoring.ScoringFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThumbnailSelectorTest {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private static final MicroBatchConfig BATCHING = new MicroBatchConfig(8, Duration.ofMillis(20), 64, 1);

    private final List<float[]> frames = List.of(Fixtures.solid(0, 0, 0), Fixtures.solid(1, 1, 1),
            Fixtures.solid(1, 0, 0), Fixtures.noise(3), Fixtures.solid(0, 0, 1));

    @Test
    void picksTheHighestScoringCandidateAndRanksTheRest() throws Exception {
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHING)) {
            List<Double> alone = frames.stream().map(f -> scorer.score(input(f), false).join().mos()).toList();
            int expectedBest = IntStream.range(0, frames.size()).boxed()
                    .max(Comparator.comparing(alone::get)).orElseThrow();

            ThumbnailSelection selection = new ThumbnailSelector(scorer).select(candidates(frames)).get(10, TimeUnit.SECONDS);

            assertThat(selection.failures()).isEmpty();
            assertThat(selection.best()).hasValueSatisfying(best -> {
                assertThat(best.index()).isEqualTo(expectedBest);
                assertThat(best.id()).isEqualTo("frame-" + expectedBest);
            });
            assertThat(selection.ranking()).extracting(r -> r.score().mos())
                    .isSortedAccordingTo(Comparator.reverseOrder()).hasSize(frames.size());
        }
    }

    @Test
    void equalScoresKeepInputOrder() throws Exception {
        float[] same = Fixtures.noise(5);
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHING)) {
            ThumbnailSelection selection = new ThumbnailSelector(scorer)
                    .select(candidates(List.of(Fixtures.solid(0, 0, 0), same, same.clone(), same.clone())))
                    .get(10, TimeUnit.SECONDS);

            List<ThumbnailSelection.Ranked> tied = selection.ranking().stream()
                    .filter(r -> r.index() > 0).toList();
            assertThat(tied).extracting(r -> r.score().mos()).containsOnly(tied.get(0).score().mos());
            assertThat(tied).extracting(ThumbnailSelection.Ranked::index).containsExactly(1, 2, 3);
        }
    }

    @Test
    void failingCandidatesAreReportedNotFatal() throws Exception {
        List<ThumbnailCandidate> candidates = List.of(
                new ThumbnailCandidate("corrupt", views -> {
                    throw new UncheckedIOException(new IOException("truncated JPEG"));
                }),
                new ThumbnailCandidate("good", input(Fixtures.noise(1))),
                new ThumbnailCandidate("wrong-size", views -> new float[12]));
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHING)) {
            ThumbnailSelection selection = new ThumbnailSelector(scorer).select(candidates).get(10, TimeUnit.SECONDS);

            assertThat(selection.best()).hasValueSatisfying(best -> assertThat(best.id()).isEqualTo("good"));
            assertThat(selection.failures()).extracting(ThumbnailSelection.Failure::id)
                    .containsExactly("corrupt", "wrong-size");
            assertThat(selection.failures().get(0).reason()).contains("truncated JPEG");
        }
    }

    @Test
    void allFailingLeavesNoBest() throws Exception {
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHING)) {
            ThumbnailSelection selection = new ThumbnailSelector(scorer)
                    .select(List.of(new ThumbnailCandidate("empty", views -> new float[0])))
                    .get(10, TimeUnit.SECONDS);

            assertThat(selection.best()).isEmpty();
            assertThat(selection.failures()).hasSize(1);
        }
    }

    private static List<ThumbnailCandidate> candidates(List<float[]> images) {
        return IntStream.range(0, images.size())
                .mapToObj(i -> new ThumbnailCandidate("frame-" + i, input(images.get(i))))
                .toList();
    }
}
