package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.dpiqa.scoring.service.QualityReport;

import java.util.Map;

/**
 * Data of an {@code image-quality} event: the final verdict on one upload, in the vocabulary of REST and the CLI
 * ({@link QualityReport}, its fields at the top level) with the upload's identity beside it. The JSON Schema is
 * {@code plugin-descriptors/schemas/image-quality.schema.json}.
 *
 * @param quality its {@code latency_ms} run from consuming the upload to publishing this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityEvent(@JsonProperty("asset_id") String assetId,
                           @JsonUnwrapped QualityReport quality,
                           @JsonProperty("source_event_id") String sourceEventId,
                           String tenant,
                           Map<String, String> callback) {
}
