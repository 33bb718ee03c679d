package dev.dpiqa.pipeline;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.scoring.ImageTensor;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ScoringMode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A model that gives every image the same MOS, or fails every batch, for unit tests of the flows: what they do with a
 * score is theirs to test, the scoring is the model tests'.
 */
public final class FakeScorer implements QualityScorer {

    /** The thresholds and band these tests score with. */
    public static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private final double mos;
    private final Stage stage;
    private final RuntimeException failure;

    private FakeScorer(double mos, Stage stage, RuntimeException failure) {
        this.mos = mos;
        this.stage = stage;
        this.failure = failure;
    }

    /** Scores every image {@code mos} as the student. */
    public static ImageScoringService student(double mos) {
        return service(ScoringMode.STUDENT, new FakeScorer(mos, Stage.STUDENT, null));
    }

    /** Scores every image {@code mos} as the teacher. */
    public static ImageScoringService teacher(double mos) {
        return service(ScoringMode.TEACHER, new FakeScorer(mos, Stage.TEACHER, null));
    }

    /** A student whose every forward pass fails (an overloaded or closing model). */
    public static ImageScoringService failingStudent() {
        return service(ScoringMode.STUDENT, new FakeScorer(0, Stage.STUDENT, new IllegalStateException("overloaded")));
    }

    private static ImageScoringService service(ScoringMode mode, FakeScorer scorer) {
        return new ImageScoringService(new ImageIntake(IntakeLimits.defaults()), Map.of(mode, scorer));
    }

    @Override
    public ModelViews input() {
        return ModelViews.whole(8, 8);
    }

    @Override
    public CompletableFuture<QualityScore> score(ImageTensor image, boolean withQualityMap) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return CompletableFuture.completedFuture(new QualityScore(mos, POLICY.verdictFor(mos), stage,
                new ModelId("fake_" + stage.name().toLowerCase(), "1.0.0"), Optional.empty(), Duration.ZERO));
    }
}
