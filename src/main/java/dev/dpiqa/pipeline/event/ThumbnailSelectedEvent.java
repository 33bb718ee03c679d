package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.scoring.service.ModelRef;

import java.util.List;
import java.util.Map;

/**
 * Data of a {@code thumbnail-selected} event.
 *
 * @param selected   the best candidate's id; null only when no candidate could be scored
 * @param candidates every candidate in request order, with its MOS or its error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThumbnailSelectedEvent(@JsonProperty("asset_id") String assetId,
                                     String selected,
                                     List<CandidateResult> candidates,
                                     ModelRef model,
                                     @JsonProperty("source_event_id") String sourceEventId,
                                     String tenant,
                                     Map<String, String> callback) {

    /** Either {@code mos} and {@code verdict}, or {@code error} with its code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CandidateResult(String id, Double mos, String verdict, Integer rank,
                                  @JsonProperty("error_code") String errorCode, String error) {
    }
}
