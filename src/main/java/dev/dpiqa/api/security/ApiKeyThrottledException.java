package dev.dpiqa.api.security;

import java.time.Duration;

/** Too many unknown API keys from one address: answered 429 with {@code Retry-After}, the key left unchecked. */
public class ApiKeyThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    public ApiKeyThrottledException(Duration wait) {
        super("too many failed API keys from this address; retry in " + seconds(wait) + " s", null, false, false);
        this.retryAfterSeconds = seconds(wait);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
