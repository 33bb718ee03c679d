package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.api.ApiConfig;
import dev.dpiqa.api.console.session.ConsoleSession;
import dev.dpiqa.api.console.session.ConsoleSessions;
import dev.dpiqa.api.console.session.SessionCookie;
import dev.dpiqa.api.console.session.SessionIdentityProvider;
import dev.dpiqa.api.ratelimit.Unmetered;
import dev.dpiqa.api.security.ApiKeyAuthenticationMechanism;
import dev.dpiqa.api.security.ApiKeyFailures;
import dev.dpiqa.api.security.ApiKeyThrottledException;
import dev.dpiqa.api.security.ApiKeys;
import dev.dpiqa.review.ReviewConfig;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Signing in to the console: the API key a client uses on {@code /v1} is exchanged for a session cookie (HttpOnly,
 * SameSite=Strict), so the key never stays in the browser; the answer carries the CSRF token the page sends back
 * with every change. Unknown keys count against the address as on {@code /v1}. Where authentication is off (dev,
 * local) everyone is the local user, an admin.
 */
@Path("/console/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Unmetered
public class SessionResource {

    static final String LOCAL_USER = "local";
    static final String ADMIN = "admin";

    /** @param apiKey the key as the client sends it in {@code X-API-Key} */
    public record Login(@JsonProperty("api_key") String apiKey) {
    }

    /** @param authEnabled false where everyone is let in as the local user */
    public record SessionView(String user, Set<String> roles, @JsonProperty("csrf_token") String csrfToken,
                              @JsonProperty("auth_enabled") boolean authEnabled) {
    }

    private final ConsoleSessions sessions;
    private final ApiKeys keys;
    private final ApiKeyFailures failures;
    private final ApiConfig api;
    private final boolean secureCookie;
    private final SecurityIdentity identity;

    public SessionResource(ConsoleSessions sessions, ApiKeys keys, ApiKeyFailures failures, ApiConfig api,
                           ReviewConfig console, SecurityIdentity identity) {
        this.identity = identity;
        this.sessions = sessions;
        this.keys = keys;
        this.failures = failures;
        this.api = api;
        this.secureCookie = console.session().secureCookie();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Login login, HttpServerRequest request) {
        if (!api.auth().enabled()) {
            return opened(sessions.open(LOCAL_USER, Set.of(ADMIN)));
        }
        String address = ApiKeyFailures.clientAddress(request);
        Duration wait = failures.throttled(address);
        if (!wait.isZero()) {
            throw new ApiKeyThrottledException(wait);
        }
        String key = login == null || login.apiKey() == null ? "" : login.apiKey().strip();
        String client = keys.clientFor(key).orElseThrow(() -> {
            failures.failed(address);
            return new AuthenticationFailedException("unknown API key");
        });
        return opened(sessions.open(client, Set.copyOf(api.auth().roles().getOrDefault(client, List.of()))));
    }

    /** The signed-in reviewer and their CSRF token (after a reload); where auth is off, a local session starts. */
    @GET
    @Authenticated
    public Response current() {
        ConsoleSession session = identity.getAttribute(SessionIdentityProvider.SESSION);
        if (session != null) {
            return Response.ok(view(session)).build();
        }
        if (identity.getAttribute(ApiKeyAuthenticationMechanism.UNAUTHENTICATED_LOCAL) != null) {
            return opened(sessions.open(LOCAL_USER, Set.of(ADMIN)));
        }
        // An API-key or OIDC caller: it is who it says on every request and needs no session or CSRF token.
        return Response.ok(new SessionView(identity.getPrincipal().getName(), identity.getRoles(), null,
                api.auth().enabled())).build();
    }

    @DELETE
    @Authenticated
    public Response logout() {
        ConsoleSession session = identity.getAttribute(SessionIdentityProvider.SESSION);
        if (session != null) {
            sessions.close(session.token());
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.header("", secureCookie)).build();
    }

    private Response opened(ConsoleSession session) {
        return Response.ok(view(session)).header(HttpHeaders.SET_COOKIE,
                SessionCookie.header(session.token(), secureCookie)).build();
    }

    private SessionView view(ConsoleSession session) {
        return new SessionView(session.user(), session.roles(), session.csrfToken(), api.auth().enabled());
    }
}
