package dev.dpiqa.api.security;

import dev.dpiqa.api.ApiConfig;
import dev.dpiqa.api.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Failed API keys per client address, on a token bucket of failures: each unknown key takes a token, and an address
 * whose bucket is empty is answered 429 before its next key is even looked at, so keys cannot be guessed at speed.
 */
@ApplicationScoped
public class ApiKeyFailures {

    private final RateLimiter failures;

    @Inject
    public ApiKeyFailures(ApiConfig config) {
        this(config.auth().failureLimit(), System::nanoTime);
    }

    ApiKeyFailures(ApiConfig.FailureLimit limit, LongSupplier clock) {
        this.failures = new RateLimiter(new ApiConfig.RateLimit() {
            @Override
            public boolean enabled() {
                return limit.enabled();
            }

            @Override
            public double requestsPerSecond() {
                return limit.perMinute() / 60;
            }

            @Override
            public int burst() {
                return limit.burst();
            }

            @Override
            public int maxClients() {
                return limit.maxClients();
            }
        }, clock);
    }

    /** Zero when the address may present a key, else how long it has to wait. */
    public Duration throttled(String address) {
        return failures.peek(address);
    }

    /** The address a request came from (the forwarded one where proxy forwarding is configured). */
    public static String clientAddress(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /** Counts an unknown key presented from the address. */
    public void failed(String address) {
        failures.acquire(address);
    }
}
