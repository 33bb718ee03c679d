package dev.dpiqa.robustness;

import dev.dpiqa.image.ModelViews;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.ImageTensor;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.Verdict;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sweep and its report on a scorer whose answer is known: the mean brightness of the model input. */
class DegradationSweepTest {

    private static final int LEVELS = 4;
    private static final int INPUT = 16;

    private final AtomicInteger calls = new AtomicInteger();
    private final QualityScorer brightness = new QualityScorer() {
        @Override
        public ModelViews input() {
            return ModelViews.whole(INPUT, INPUT);
        }

        @Override
        public CompletableFuture<QualityScore> score(ImageTensor image, boolean withMap) {
            calls.incrementAndGet();
            double sum = 0;
            for (float value : image.chw(input())) {
                sum += value;
            }
            double mos = 100 * sum / (3 * INPUT * INPUT);
            return CompletableFuture.completedFuture(new QualityScore(mos, Verdict.REVIEW, Stage.STUDENT,
                    new ModelId("brightness", "1.0.0"), Optional.empty(), Duration.ZERO));
        }
    };

    /** Brighter at every level, which a brightness score must call -1. */
    private static final class Brightening extends Degradation {
        Brightening() {
            super("brightening", "stops", 0.5, 2, LEVELS);
        }

        @Override
        BufferedImage degrade(BufferedImage photo, double stops) {
            return new Underexposure(1).degrade(photo, -stops);
        }
    }

    @Test
    void scoresTheUnchangedPhotoOnceAndEveryLevelOfEveryKind() {
        DegradationSweep sweep = new DegradationSweep(List.of(new Underexposure(LEVELS), new Brightening()));
        PhotoScores scores = sweep.score(photo("572.JPG"), brightness);

        assertThat(calls).hasValue(1 + 2 * LEVELS);
        assertThat(scores.mosByKind()).containsOnlyKeys("underexposure", "brightening");
        double[] darker = scores.mosByKind().get("underexposure");
        double[] brighter = scores.mosByKind().get("brightening");
        assertThat(darker).hasSize(LEVELS + 1);
        assertThat(darker[0]).isEqualTo(brighter[0]);
        assertThat(darker[LEVELS]).isLessThan(darker[0]);
        assertThat(brighter[LEVELS]).isGreaterThan(brighter[0]);
        assertThat(scores.models()).containsExactly("brightness/1.0.0");
        assertThat(scores.width()).isEqualTo(200);
    }

    @Test
    void reportsPerKindTheMeanOverPhotosAndOverallTheMeanOverKinds() {
        List<Degradation> degradations = List.of(new Underexposure(LEVELS), new Brightening(), new GaussianBlur(LEVELS));
        DegradationSweep sweep = new DegradationSweep(degradations);
        Map<String, PhotoScores> photos = new LinkedHashMap<>();
        photos.put("a", sweep.score(photo("572.JPG"), brightness));
        photos.put("b", sweep.score(photo("830.JPG"), brightness));

        RobustnessReport report = RobustnessReport.of(degradations, photos);

        assertThat(report.kinds()).containsOnlyKeys("underexposure", "brightening", "blur");
        assertThat(report.kinds().get("underexposure").monotonicity()).isEqualTo(1.0);
        assertThat(report.kinds().get("brightening").monotonicity()).isEqualTo(-1.0);
        RobustnessReport.Kind blur = report.kinds().get("blur");
        double blurA = Monotonicity.ofFall(photos.get("a").mosByKind().get("blur"));
        double blurB = Monotonicity.ofFall(photos.get("b").mosByKind().get("blur"));
        assertThat(blur.monotonicity()).isCloseTo((blurA + blurB) / 2, within(1e-12));
        assertThat(report.monotonicity()).isCloseTo((1 - 1 + blur.monotonicity()) / 3, within(1e-12));
        assertThat(blur.parameter()).isEqualTo("sigma_per_short_side");
        assertThat(blur.levels()).hasSize(LEVELS + 1);
        for (int level = 0; level <= LEVELS; level++) {
            RobustnessReport.Level reported = blur.levels().get(level);
            assertThat(reported.level()).isEqualTo(level);
            assertThat(reported.strength()).isEqualTo(level == 0 ? null : degradations.get(2).strength(level));
            double a = photos.get("a").mosByKind().get("blur")[level];
            double b = photos.get("b").mosByKind().get("blur")[level];
            assertThat(reported.meanMos()).isCloseTo((a + b) / 2, within(1e-12));
        }
        assertThat(report.images()).extracting(RobustnessReport.Image::input).containsExactly("a", "b");
        assertThat(report.images().get(1).kinds().get("blur").monotonicity()).isEqualTo(blurB);
    }

    private static DecodedImage photo(String name) {
        return new DecodedImage(SamplePhoto.load(name, 200, 150), "image/jpeg");
    }
}
