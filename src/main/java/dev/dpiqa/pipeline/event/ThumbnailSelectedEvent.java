package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Data of a {@code thumbnail-selected} event.
 *
 * @param selected   the best candidate's id; null only when no candidate could be scored
 * @param candidates every candidate in request order, with its score or its error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThumbnailSelectedEvent(@JsonProperty("asset_id") String assetId,
                                     String selected,
                                     List<CandidateResult> candidates,
                                     QualityEvent.ModelRef model,
                                     @JsonProperty("source_event_id") String sourceEventId,
                                     String tenant,
                                     Map<String, String> callback) {

    /** Either {@code score} and {@code verdict}, or {@code error} with its code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CandidateResult(String id, Double score, String verdict, Integer rank,
                                  @JsonProperty("error_code") String errorCode, String error) {
    }
}
