package dev.dpiqa.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/** The REST surface: who may call it and how often. */
@ConfigMapping(prefix = "dpiqa.api")
public interface ApiConfig {

    Auth auth();

    RateLimit rateLimit();

    /** Whether {@code POST /v1/score} with {@code {"url": "file:..."}} reads the server's disk; never for remote clients. */
    @WithDefault("false")
    boolean fileUris();

    interface Auth {
        /** Require an API key (or, when an OIDC tenant is configured, a bearer token) on {@code /v1/*}. */
        @WithDefault("true")
        boolean enabled();

        /** Accepted API keys as client name → lower-case hex SHA-256 of the key ({@code printf %s "$KEY" | sha256sum}). */
        Map<String, String> apiKeys();

        /**
         * Roles per client name (as in {@code api-keys}), e.g. {@code admin}: the reviewer console offers a model
         * rollback to admins only. Clients without an entry have no role.
         */
        Map<String, List<String>> roles();

        /** Failed API keys allowed per client address, before the next attempt is answered 429 unchecked. */
        FailureLimit failureLimit();
    }

    interface FailureLimit {
        /** Throttle addresses that keep presenting unknown API keys (guessing). */
        @WithDefault("true")
        boolean enabled();

        /** Failed keys an address may present back to back (the bucket size). */
        @WithDefault("10")
        int burst();

        /** Sustained failed keys per minute allowed per address once the burst is spent. */
        @WithDefault("6")
        double perMinute();

        /** Addresses tracked at once; beyond this, those with no recent failure are dropped. */
        @WithDefault("10000")
        int maxClients();
    }

    interface RateLimit {
        /** Limit each client (API key, OIDC subject, or client IP when unauthenticated) with a token bucket. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second allowed per client. */
        @WithDefault("10")
        double requestsPerSecond();

        /** Requests a client may send back to back after a quiet period (the bucket size). */
        @WithDefault("20")
        int burst();

        /** Clients tracked at once; beyond this, idle (full) buckets are dropped. */
        @WithDefault("10000")
        int maxClients();
    }
}
