package dev.dpiqa.api.console.session;

import dev.dpiqa.review.ReviewConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Console sessions, in this instance's memory (like the queue they look at: behind a load balancer, route a
 * reviewer to one instance). A session ends when unused for the idle timeout, at its maximum age, at logout, or
 * when the most sessions are held and it is the least recently used.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReviewConfig.Session config;
    private final Clock clock;
    private final Map<String, Entry> sessions;

    private static final class Entry {
        final ConsoleSession session;
        Instant lastUsed;

        Entry(ConsoleSession session, Instant lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    @Inject
    public ConsoleSessions(ReviewConfig config) {
        this(config.session(), Clock.systemUTC());
    }

    ConsoleSessions(ReviewConfig.Session config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > config.maxSessions();
            }
        };
    }

    public synchronized ConsoleSession open(String user, Set<String> roles) {
        Instant now = clock.instant();
        ConsoleSession session = new ConsoleSession(randomToken(), user, roles, randomToken(), now);
        sessions.put(session.token(), new Entry(session, now));
        return session;
    }

    /** The live session of a cookie's token; a used one is kept alive. */
    public synchronized Optional<ConsoleSession> find(String token) {
        Entry entry = token == null ? null : sessions.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(entry.lastUsed.plus(config.idleTimeout()))
                || now.isAfter(entry.session.created().plus(config.maxAge()))) {
            sessions.remove(token);
            return Optional.empty();
        }
        entry.lastUsed = now;
        return Optional.of(entry.session);
    }

    public synchronized void close(String token) {
        sessions.remove(token);
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(ConsoleSession session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
