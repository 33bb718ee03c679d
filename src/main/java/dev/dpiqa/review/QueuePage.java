package dev.dpiqa.review;

import java.util.List;

/**
 * @param total  items matching the filters
 * @param models every {@code name/version} in the queue, to filter by
 */
public record QueuePage(List<ReviewItem> items, int total, int offset, List<String> models) {
}
