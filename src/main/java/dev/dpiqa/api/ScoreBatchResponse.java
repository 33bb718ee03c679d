package dev.dpiqa.api;

import dev.dpiqa.scoring.service.ItemResult;

import java.util.List;

/** One result per image, in request order: its report, or the reason it has none. */
public record ScoreBatchResponse(List<ItemResult> results) {
}
