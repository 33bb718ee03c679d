package dev.dpiqa.review;

import java.time.Instant;

/**
 * A reviewer's decision on an asset, as published.
 *
 * @param mos     the label: the reviewer's MOS, or for accept and reject the middle of that verdict's MOS band
 * @param eventId the label event's id, the same for the same decision, so a consumer idempotent by id sees it once
 */
public record ReviewDecision(String assetId, String reviewer, double mos, String judgement, String eventId,
                             Instant at) {
}
