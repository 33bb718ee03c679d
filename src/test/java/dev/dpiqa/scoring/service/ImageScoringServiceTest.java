package dev.dpiqa.scoring.service;

import dev.dpiqa.api.TestPictures;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ServingModel;
import dev.dpiqa.scoring.CascadeScorer;
import dev.dpiqa.scoring.ImageTensor;
import dev.dpiqa.scoring.MicroBatchConfig;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.TeacherScorer;
import dev.dpiqa.scoring.Verdict;
import dev.dpiqa.scoring.VerdictPolicy;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImageScoringServiceTest {

    /** Records the images it is given and answers a fixed score. */
    private static final class RecordingScorer implements QualityScorer {
        final List<ImageTensor> seen = new ArrayList<>();

        @Override
        public ModelViews input() {
            return ModelViews.whole(8, 8);
        }

        @Override
        public CompletableFuture<QualityScore> score(ImageTensor image, boolean withQualityMap) {
            seen.add(image);
            return CompletableFuture.completedFuture(new QualityScore(50, Verdict.REVIEW, Stage.STUDENT,
                    new ModelId("fake", "1.0.0"), Optional.empty(), Duration.ZERO));
        }
    }

    private static final MicroBatchConfig BATCHING = new MicroBatchConfig(4, Duration.ofMillis(2), 64, 1);

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());

    @Test
    void aBorderlineImageReachesATeacherOfAnotherInputSizeWhichDecides() throws Exception {
        byte[] png = TestPictures.png(120, 90);
        BufferedImage decoded = intake.decode(png).image();
        try (ServingModel student = new ServingModel(Fixtures.loader(), Fixtures.cached(Fixtures.STUDENT, "1.0.0"));
             ServingModel teacher = new ServingModel(Fixtures.loader(),
                     Fixtures.cached(Fixtures.TEACHER_96, "1.0.0"))) {
            assertThat(teacher.current().input().height()).isNotEqualTo(student.current().input().height());
            double studentMos = mosAtItsOwnSize(student, decoded);
            double teacherMos = mosAtItsOwnSize(teacher, decoded);
            // Both thresholds at the student's MOS: as borderline as an image gets.
            VerdictPolicy policy = new VerdictPolicy(studentMos, studentMos, 5.0);
            try (StudentScorer studentScorer = new StudentScorer(student, policy, BATCHING);
                 TeacherScorer teacherScorer = new TeacherScorer(teacher, policy, BATCHING)) {
                // A deadline no busy build machine misses: a missed one would hide the bug this test is about.
                CascadeScorer cascade = new CascadeScorer(studentScorer, teacherScorer, policy,
                        Duration.ofSeconds(30));
                ImageScoringService service = new ImageScoringService(intake, Map.of(ScoringMode.CASCADE, cascade));

                QualityScore score = service.score(png, ScoringMode.CASCADE, true).get(60, TimeUnit.SECONDS);

                assertThat(score.stage()).isEqualTo(Stage.TEACHER);
                assertThat(score.model()).isEqualTo(new ModelId(Fixtures.TEACHER_96, "1.0.0"));
                assertThat(score.mos()).isCloseTo(teacherMos, within(1e-3)).isNotCloseTo(studentMos, within(1.0));
                assertThat(score.qualityMap()).hasValueSatisfying(map -> assertThat(map.width()).isEqualTo(96));
            }
        }
    }

    @Test
    void refusesBadBytesAndMissingModesBeforeTheScorerSeesAnything() {
        RecordingScorer scorer = new RecordingScorer();
        ImageScoringService service = new ImageScoringService(intake, Map.of(ScoringMode.STUDENT, scorer));

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

    /** The expected score, by the plain route: resize straight to the model's manifest size, then the model. */
    private static double mosAtItsOwnSize(ServingModel model, BufferedImage image) {
        float[] chw = model.current().modelViews().toChw(image);
        return model.predict(List.of(chw)).get(0).output().score01() * model.current().mosScale();
    }
}
