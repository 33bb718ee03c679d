package dev.dpiqa.review;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of the queue, newest first, narrowed by any of the filters.
 *
 * @param offset items of the narrowed queue to skip
 * @param limit  most items in the page
 */
public record QueueQuery(Optional<String> verdict, Optional<String> stage, Optional<String> modelVersion,
                         Optional<Instant> from, Optional<Instant> to, int offset, int limit) {

    public static final int MAX_LIMIT = 200;

    public QueueQuery {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 to " + MAX_LIMIT + ", got "
                    + offset + " and " + limit);
        }
    }

    boolean matches(ReviewItem item) {
        return verdict.map(item.verdict()::equals).orElse(true)
                && stage.map(item.stage()::equals).orElse(true)
                && modelVersion.map(v -> v.equals(item.modelName() + "/" + item.modelVersion())).orElse(true)
                && from.map(t -> !item.time().isBefore(t)).orElse(true)
                && to.map(t -> item.time().isBefore(t)).orElse(true);
    }
}
