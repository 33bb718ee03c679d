package dev.dpiqa.api.ratelimit;

/** A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastRefill = now;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one will be there. */
    synchronized long tryTake(long now) {
        long wait = nanosUntilToken(now);
        if (wait == 0) {
            tokens -= 1;
        }
        return wait;
    }

    /** 0 when a token is there (none is taken), else the nanoseconds until one will be. */
    synchronized long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full, i.e. its client has been quiet long enough to be forgotten. */
    synchronized boolean isIdle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - lastRefill) * perNano);
        lastRefill = now;
    }
}
