package dev.dpiqa.api.ratelimit;

import dev.dpiqa.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** One token bucket per client key; forgets idle clients once too many are tracked. */
@ApplicationScoped
public class RateLimiter {

    private final ApiConfig.RateLimit config;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(ApiConfig config) {
        this(config.rateLimit(), System::nanoTime);
    }

    /** A limiter of its own, e.g. for failed API keys per address, apart from the request budget. */
    public RateLimiter(ApiConfig.RateLimit config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Zero when the request may go ahead, else how long the client should wait for its next token. */
    public Duration acquire(String client) {
        if (!config.enabled()) {
            return Duration.ZERO;
        }
        long now = clock.getAsLong();
        if (buckets.size() >= config.maxClients()) {
            buckets.values().removeIf(bucket -> bucket.isIdle(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(client,
                key -> new TokenBucket(config.burst(), config.requestsPerSecond(), now));
        return Duration.ofNanos(bucket.tryTake(now));
    }

    /** How long until the client's next token, without taking one: zero when it has one, or is not tracked. */
    public Duration peek(String client) {
        TokenBucket bucket = config.enabled() ? buckets.get(client) : null;
        return bucket == null ? Duration.ZERO : Duration.ofNanos(bucket.nanosUntilToken(clock.getAsLong()));
    }
}
