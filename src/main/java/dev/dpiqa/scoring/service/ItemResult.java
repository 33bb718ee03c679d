package dev.dpiqa.scoring.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One input of many (a CLI argument, an item of a REST batch): its {@link QualityReport}, fields at the top level,
 * or why it has none. {@code {"input": ..., "mos": ..., ...}} or {@code {"input": ..., "error": {"reason", "detail"}}}.
 *
 * @param input what the caller named: a path, a URL, an uploaded file's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(String input, @JsonUnwrapped QualityReport quality, ItemError error) {

    /** @param reason stable and upper case, e.g. {@code UNSUPPORTED_TYPE}, {@code FETCH_NOT_FOUND} */
    public record ItemError(String reason, String detail) {
    }

    public static ItemResult scored(String input, QualityReport quality) {
        return new ItemResult(input, quality, null);
    }

    public static ItemResult failed(String input, String reason, String detail) {
        return new ItemResult(input, null, new ItemError(reason, detail));
    }
}
