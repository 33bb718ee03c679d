package dev.dpiqa.api.ratelimit;

import dev.dpiqa.api.problem.Problem;
import dev.dpiqa.api.security.ApiKeyAuthenticationMechanism;
import dev.dpiqa.api.security.ApiKeyFailures;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;

/** Answers 429 with {@code Retry-After} once a client has used up its bucket; {@link Unmetered} endpoints spend none. */
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identity;

    public RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identity) {
        this.limiter = limiter;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> limit(HttpServerRequest request, ResourceInfo resource) {
        if (unmetered(resource)) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().map(caller -> {
            Duration wait = limiter.acquire(clientKey(caller, request));
            if (wait.isZero()) {
                return null;
            }
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            LOG.infof("429 for %s (%s) on %s: rate limit exceeded", ApiKeyFailures.clientAddress(request),
                    clientKey(caller, request), request.path());
            return Problem.of("rate-limited", "Too many requests", 429,
                            "rate limit exceeded; retry in " + seconds + " s", request.path(), null)
                    .toResponse().header("Retry-After", seconds).build();
        });
    }

    private static boolean unmetered(ResourceInfo resource) {
        return resource.getResourceMethod() != null && (resource.getResourceMethod().isAnnotationPresent(Unmetered.class)
                || resource.getResourceClass().isAnnotationPresent(Unmetered.class));
    }

    /** Authenticated callers by name, so one key shares a budget across addresses; others by address. */
    private static String clientKey(SecurityIdentity caller, HttpServerRequest request) {
        if (caller.isAnonymous() || caller.getAttribute(ApiKeyAuthenticationMechanism.UNAUTHENTICATED_LOCAL) != null) {
            return "ip:" + ApiKeyFailures.clientAddress(request);
        }
        return "principal:" + caller.getPrincipal().getName();
    }
}
