package dev.dpiqa.api.security;

import dev.dpiqa.api.ApiConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Set;

/**
 * Reads an API key from {@code X-API-Key} or {@code Authorization: Bearer}. Runs before OIDC: a bearer token that
 * is no API key is passed on so OIDC can try it. With {@code dpiqa.api.auth.enabled=false} (dev, local) a request
 * without credentials is let in as the local user.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String API_KEY_HEADER = "X-API-Key";
    /** Identity attribute marking the stand-in user of a service whose authentication is switched off. */
    public static final String UNAUTHENTICATED_LOCAL = "dpiqa.unauthenticated-local";

    private static final String BEARER = "bearer ";

    private final ApiConfig config;
    private final ApiKeyFailures failures;
    private final boolean oidcEnabled;

    public ApiKeyAuthenticationMechanism(ApiConfig config, ApiKeyFailures failures,
                                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
                                         boolean oidcEnabled) {
        this.config = config;
        this.failures = failures;
        this.oidcEnabled = oidcEnabled;
    }

    /**
     * An address that has presented too many unknown keys gets {@link ApiKeyThrottledException} (429) before its key
     * is looked at; each unknown key takes one of its address's failure tokens. A bearer token that is no API key
     * counts only while OIDC is off: otherwise it may be an OIDC token, OIDC's to judge.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String headerKey = context.request().getHeader(API_KEY_HEADER);
        String authorization = context.request().getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (headerKey != null || bearer) {
            String address = ApiKeyFailures.clientAddress(context.request());
            Duration wait = failures.throttled(address);
            if (!wait.isZero()) {
                return Uni.createFrom().failure(new ApiKeyThrottledException(wait));
            }
            if (headerKey != null) {
                return identities.authenticate(request(context, headerKey))
                        .onFailure(AuthenticationFailedException.class).invoke(() -> failures.failed(address));
            }
            return identities.authenticate(request(context, authorization.substring(BEARER.length()).strip()))
                    .onFailure(AuthenticationFailedException.class).recoverWithUni(() -> {
                        if (!oidcEnabled) {
                            failures.failed(address);
                        }
                        return Uni.createFrom().nullItem();
                    });
        }
        if (!config.auth().enabled()) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("local"))
                    .addAttribute(UNAUTHENTICATED_LOCAL, true)
                    .build());
        }
        return Uni.createFrom().nullItem();
    }

    private static AuthenticationRequest request(RoutingContext context, String key) {
        return HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(key), context);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"dpiqa\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // Before OIDC (default priority), which would reject an API key sent as a bearer token outright.
        return DEFAULT_PRIORITY + 100;
    }
}
