package dev.dpiqa.api;

import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ScoringMode;
import io.micrometer.core.instrument.MeterRegistry;
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
        registry.counter("dpiqa.scores", "verdict", score.verdict().name(), "stage", score.stage().name(),
                "mode", tag(mode)).increment();
        registry.timer("dpiqa.score", "mode", tag(mode)).record(elapsed);
    }

    /** An image or URL refused, by the stable reason name. */
    public void rejected(String reason) {
        registry.counter("dpiqa.rejections", "reason", reason).increment();
    }

    private static String tag(ScoringMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
