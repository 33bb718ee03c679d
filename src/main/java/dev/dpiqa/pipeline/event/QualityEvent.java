package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * Data of an {@code image-quality} event: the final verdict on one upload. Field names are snake_case, like the
 * REST API; the JSON Schema is {@code plugin-descriptors/schemas/image-quality.schema.json}.
 *
 * @param score         MOS scale 0–100
 * @param stage         {@code student}, {@code teacher} or {@code student-teacher-unavailable}
 * @param studentScore  the student's score when another stage decided
 * @param latencyMs     per stage: {@code fetch}, {@code score} (decode and student), {@code teacher}, {@code total}
 *                      (from consuming the upload to publishing this)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityEvent(@JsonProperty("asset_id") String assetId,
                           double score,
                           String verdict,
                           String stage,
                           ModelRef model,
                           @JsonProperty("student_score") Double studentScore,
                           @JsonProperty("latency_ms") Map<String, Double> latencyMs,
                           @JsonProperty("source_event_id") String sourceEventId,
                           String tenant,
                           Map<String, String> callback) {

    /** Name and version of a model in the model cache. */
    public record ModelRef(String name, String version) {
    }
}
