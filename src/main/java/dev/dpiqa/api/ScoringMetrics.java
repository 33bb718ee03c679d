package dev.dpiqa.api;

import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ScoringMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;

/** Prometheus series for scoring: {@code dpiqa_scores_total}, {@code dpiqa_score_seconds}, {@code dpiqa_rejections_total}. */
@ApplicationScoped
public class ScoringMetrics {

    private final MeterRegistry registry;

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An image scored; {@code elapsed} covers decoding, queueing and inference. */
    public void scored(ScoringMode mode, QualityScore score, Duration elapsed) {
        Counter.builder("dpiqa.scores").description("Images scored, by verdict, deciding model and requested mode")
                .tags("verdict", score.verdict().name(), "stage", score.stage().name(), "mode", tag(mode))
                .register(registry).increment();
        Timer.builder("dpiqa.score").description("Time to score one image: decoding, queueing and inference")
                .tags("mode", tag(mode)).register(registry).record(elapsed);
    }

    /** An image or URL refused, by the stable reason name. */
    public void rejected(String reason) {
        Counter.builder("dpiqa.rejections").description("Images and image URLs refused, by reason")
                .tags("reason", reason).register(registry).increment();
    }

    private static String tag(ScoringMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
