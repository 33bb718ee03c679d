package dev.dpiqa.scoring.service;

import dev.dpiqa.api.TestPictures;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageScoringServiceTest {

    /** Records the tensors it is given and answers a fixed score. */
    private static final class RecordingScorer implements QualityScorer {
        final List<float[]> seen = new ArrayList<>();

        @Override
        public CompletableFuture<QualityScore> score(float[] chw, boolean withQualityMap) {
            seen.add(chw);
            return CompletableFuture.completedFuture(new QualityScore(50, Verdict.REVIEW, Stage.STUDENT,
                    new ModelId("fake", "1.0.0"), Optional.empty(), Duration.ZERO));
        }
    }

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());

    @Test
    void resizesToTheInputTheRoutesModelDeclaresAtCallTime() throws Exception {
        RecordingScorer scorer = new RecordingScorer();
        AtomicReference<ModelManifest.InputSpec> input = new AtomicReference<>(input(32, 48));
        ImageScoringService service = new ImageScoringService(intake,
                Map.of(ScoringMode.STUDENT, new ScoringRoute(scorer, input::get)));

        assertThat(service.score(TestPictures.png(100, 70), ScoringMode.STUDENT, false).join().mos()).isEqualTo(50);
        input.set(input(16, 16)); // a hot-swap to a version with another input size
        service.score(TestPictures.png(100, 70), ScoringMode.STUDENT, false).join();

        assertThat(scorer.seen).extracting(chw -> chw.length).containsExactly(3 * 32 * 48, 3 * 16 * 16);
        for (float v : scorer.seen.get(0)) {
            assertThat(v).isBetween(-1e-5f, 1 + 1e-5f); // float rounding of the resampling weights
        }
    }

    @Test
    void refusesBadBytesAndMissingModesBeforeTheScorerSeesAnything() {
        RecordingScorer scorer = new RecordingScorer();
        ImageScoringService service = new ImageScoringService(intake,
                Map.of(ScoringMode.STUDENT, new ScoringRoute(scorer, () -> input(8, 8))));

        assertThatThrownBy(() -> service.score("<html></html>".getBytes(), ScoringMode.STUDENT, false))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> service.score(TestPictures.png(10, 10), ScoringMode.TEACHER, false))
                .isInstanceOfSatisfying(ModeUnavailableException.class,
                        e -> assertThat(e.mode()).isEqualTo(ScoringMode.TEACHER));
        assertThat(scorer.seen).isEmpty();
    }

    @Test
    void modesParseCaseInsensitivelyAndNameTheChoicesOnError() {
        assertThat(ScoringMode.parse(" Cascade ")).isEqualTo(ScoringMode.CASCADE);
        assertThatThrownBy(() -> ScoringMode.parse("oracle")).hasMessageContaining("student, teacher, cascade");
    }

    private static ModelManifest.InputSpec input(int height, int width) {
        return new ModelManifest.InputSpec(height, width, 3, "NCHW", "float32", "RGB", List.of(0.0, 1.0));
    }
}
