package dev.dpiqa.api;

import java.util.List;

/**
 * {@code POST /v1/score/batch} with a JSON body.
 *
 * @param urls http(s) image URLs, each fetched through the SSRF guard
 * @param mode student (default), teacher or cascade, for all of them; overrides the query parameter
 * @param map  whether to return each quality heatmap; overrides the query parameter
 */
public record ScoreBatchRequest(List<String> urls, String mode, Boolean map) {
}
