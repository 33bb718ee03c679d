package dev.dpiqa.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.Verdict;

/**
 * One image's quality as REST and the CLI report it.
 *
 * @param mos             0–100
 * @param model           {@code name@version} of the model that decided
 * @param qualityMapPng   base64 PNG heatmap (viridis: dark = worse), only when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResponse(double mos, Verdict verdict, Stage stage, String model,
                            @JsonProperty("latency_ms") double latencyMs,
                            @JsonProperty("quality_map_png") String qualityMapPng) {

    public static ScoreResponse of(QualityScore score, String qualityMapPng) {
        return new ScoreResponse(score.mos(), score.verdict(), score.stage(), score.model().toString(),
                score.latency().toNanos() / 1e6, qualityMapPng);
    }
}
