package dev.dpiqa.api.console.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

import java.util.Optional;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * scoped to {@code /console}, so the {@code /v1} API never accepts it and stays free of cross-site requests.
 */
public final class SessionCookie {

    public static final String NAME = "dpiqa_console";
    public static final String PATH = "/console";

    private SessionCookie() {
    }

    public static Optional<String> token(HttpServerRequest request) {
        Cookie cookie = request.getCookie(NAME);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /** The {@code Set-Cookie} value carrying {@code token}; an empty token with max age 0 clears it. */
    public static String header(String token, boolean secure) {
        Cookie cookie = Cookie.cookie(NAME, token).setPath(PATH).setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
        if (token.isEmpty()) {
            cookie.setMaxAge(0);
        }
        return cookie.encode();
    }
}
