package dev.dpiqa.api.ratelimit;

import dev.dpiqa.api.ApiConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        RateLimiter limiter = new RateLimiter(config(true, 2.0, 3, 100), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
        advance(Duration.ofMillis(499));
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(1));
        advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("b")).as("own bucket").isZero();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        RateLimiter limiter = new RateLimiter(config(true, 1.0, 2, 100), now::get);
        advance(Duration.ofHours(1));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void aFullClientTableNeverFreesAClientFromItsLimit() {
        RateLimiter limiter = new RateLimiter(config(true, 0.001, 1, 2), now::get);
        assertThat(limiter.acquire("greedy")).isZero();
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofSeconds(1));
            assertThat(limiter.acquire("passer-by-" + i)).isZero();
        }
        assertThat(limiter.acquire("greedy")).as("an emptied bucket is not idle, so it is kept").isPositive();
    }

    @Test
    void disabledLimiterAllowsEverything() {
        RateLimiter limiter = new RateLimiter(config(false, 1.0, 1, 10), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private static ApiConfig.RateLimit config(boolean enabled, double perSecond, int burst, int maxClients) {
        return new ApiConfig.RateLimit() {
            public boolean enabled() { return enabled; }
            public double requestsPerSecond() { return perSecond; }
            public int burst() { return burst; }
            public int maxClients() { return maxClients; }
        };
    }
}
