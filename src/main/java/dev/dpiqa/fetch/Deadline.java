package dev.dpiqa.fetch;

import java.time.Duration;

/** The end of a fetch's total time budget, shared by all its hops and reads. */
final class Deadline {

    private final long endNanos;
    private final Duration total;

    Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    /** Milliseconds left, at least 1 (0 means "no timeout" to sockets), or TIMEOUT when none are. */
    int remainingMillis() throws FetchException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw expired(null);
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    FetchException expired(Throwable cause) {
        return FetchException.transientFailure(FetchException.Reason.TIMEOUT,
                "fetch did not finish within " + total.toMillis() + " ms", cause);
    }
}
