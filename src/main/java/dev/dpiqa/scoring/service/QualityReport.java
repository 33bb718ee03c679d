package dev.dpiqa.scoring.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.scoring.QualityScore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One image's quality in the one vocabulary every surface speaks: the REST response, the CLI's {@code score} line
 * and the {@code image-quality} event (which adds the upload's identity around it). JSON Schema:
 * {@code plugin-descriptors/schemas/quality-report.schema.json}; the OpenAPI annotations carry its enums into the
 * REST API's description.
 *
 * @param mos        0–100, two decimals
 * @param verdict    {@code reject}, {@code review} or {@code accept}
 * @param stage      {@code student}, {@code teacher} or {@code student-teacher-unavailable}
 * @param studentMos the student's MOS when another stage decided
 * @param latencyMs  per step ({@code fetch}, {@code score}, {@code teacher}), and {@code total}
 * @param qualityMap URI of the quality heatmap PNG (viridis: dark = worse): a {@code data:} URI over REST, a
 *                   {@code file:} URI from the CLI; only when asked for
 * @param qualityOverlay URI of the photo at its own size with the heatmap over it, translucent, and a legend; as
 *                   {@code qualityMap}, only when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityReport(@Schema(minimum = "0", maximum = "100") double mos,
                            @Schema(enumeration = {"reject", "review", "accept"}) String verdict,
                            @Schema(enumeration = {"student", "teacher", "student-teacher-unavailable"}) String stage,
                            ModelRef model,
                            @JsonProperty("student_mos") Double studentMos,
                            @JsonProperty("latency_ms") Map<String, Double> latencyMs,
                            @JsonProperty("quality_map") String qualityMap,
                            @JsonProperty("quality_overlay") String qualityOverlay) {

    /** One image scored on request (REST, CLI): {@code latency_ms.total} is the time the score took. */
    public static QualityReport of(QualityScore score) {
        return of(score, Map.of("total", score.latency()));
    }

    /** @param latency what each step took, in the order to report them */
    public static QualityReport of(QualityScore score, Map<String, Duration> latency) {
        Map<String, Double> millis = new LinkedHashMap<>();
        latency.forEach((step, duration) -> millis.put(step, millis(duration)));
        return new QualityReport(round(score.mos()), name(score.verdict()), name(score.stage()),
                ModelRef.of(score.model()), null, millis, null, null);
    }

    public QualityReport withQualityMap(String uri) {
        return new QualityReport(mos, verdict, stage, model, studentMos, latencyMs, uri, qualityOverlay);
    }

    public QualityReport withQualityOverlay(String uri) {
        return new QualityReport(mos, verdict, stage, model, studentMos, latencyMs, qualityMap, uri);
    }

    /** Lower case, words joined by hyphens: {@code STUDENT_TEACHER_UNAVAILABLE} is {@code student-teacher-unavailable}. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Two decimals: more would claim a precision no MOS has. */
    public static double round(double mos) {
        return Math.round(mos * 100) / 100.0;
    }

    public static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1e4) / 100.0;
    }
}
