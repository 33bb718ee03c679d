package dev.dpiqa.api.console.session;

import dev.dpiqa.api.problem.Problem;
import dev.dpiqa.api.security.ApiKeyAuthenticationMechanism;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Every change the console makes (a decision, a rollback, a logout, an evaluation upload) must carry the session's
 * CSRF token in {@code X-CSRF-Token}: the cookie alone, which a browser attaches by itself, is not enough. Requests
 * with an API key or bearer token carry no ambient credential and need none. The login itself has no session yet:
 * a browser's cross-origin login is refused by its {@code Origin} instead.
 */
public class CsrfFilter {

    public static final String HEADER = "X-CSRF-Token";
    static final String CONSOLE_API = SessionCookie.PATH + "/api/";
    static final String LOGIN = CONSOLE_API + "session";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleSessions sessions;

    public CsrfFilter(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Optional<Response> check(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith(CONSOLE_API) || SAFE.contains(request.method())) {
            return Optional.empty();
        }
        if (path.equals(LOGIN) && request.method() == HttpMethod.POST) {
            return sameOrigin(request) ? Optional.empty()
                    : refuse(request, "a login from another origin (" + request.getHeader("Origin") + ") is refused");
        }
        if (request.getHeader(ApiKeyAuthenticationMechanism.API_KEY_HEADER) != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return Optional.empty();
        }
        Optional<ConsoleSession> session = SessionCookie.token(request).flatMap(sessions::find);
        if (session.isEmpty()) {
            return refuse(request, "no console session: sign in again");
        }
        return ConsoleSessions.csrfMatches(session.get(), request.getHeader(HEADER)) ? Optional.empty()
                : refuse(request, "missing or wrong " + HEADER + " header: reload the console and try again");
    }

    /** A browser names the page's origin on every POST; it must be this host's. */
    private static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // not sent cross-site by browsers: a script or a same-origin request of an old browser
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(request.getHeader(HttpHeaders.HOST));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Response> refuse(HttpServerRequest request, String detail) {
        return Optional.of(Problem.of("csrf", "Forbidden", 403, detail, request.path(), null).toResponse().build());
    }
}
