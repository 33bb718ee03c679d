package dev.dpiqa.api;

/**
 * {@code POST /v1/score} with a JSON body.
 *
 * @param url   http(s) image URL, fetched through the SSRF guard
 * @param mode  student (default), teacher or cascade; overrides the query parameter
 * @param map   whether to return the quality heatmap; overrides the query parameter
 * @param overlay whether to return the photo with the heatmap over it and a legend; overrides the query parameter
 */
public record ScoreUrlRequest(String url, String mode, Boolean map, Boolean overlay) {
}
