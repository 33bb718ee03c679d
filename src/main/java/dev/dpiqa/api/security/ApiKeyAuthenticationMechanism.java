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

    public ApiKeyAuthenticationMechanism(ApiConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String headerKey = context.request().getHeader(API_KEY_HEADER);
        if (headerKey != null) {
            return identities.authenticate(request(context, headerKey));
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return identities.authenticate(request(context, authorization.substring(BEARER.length()).strip()))
                    .onFailure(AuthenticationFailedException.class).recoverWithNull();
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
