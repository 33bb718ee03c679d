package dev.dpiqa.api.console.session;

import java.time.Instant;
import java.util.Set;

/**
 * A reviewer signed in to the console.
 *
 * @param token     the session cookie's value: 256 random bits, the only credential the browser holds
 * @param user      the API key's client name (the reviewer identity on their labels)
 * @param csrfToken sent back by the page on every change (header {@code X-CSRF-Token}); a cross-site form cannot
 */
public record ConsoleSession(String token, String user, Set<String> roles, String csrfToken, Instant created) {

    public ConsoleSession {
        roles = Set.copyOf(roles);
    }
}
