package dev.dpiqa.api.console.session;

import dev.dpiqa.review.ReviewConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSessionsTest {

    private Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ConsoleSessions sessions = new ConsoleSessions(config(2), clock);

    @Test
    void aSessionLivesWhileUsedAndEndsWhenIdleOrOld() {
        ConsoleSession session = sessions.open("ann", Set.of("admin"));
        assertThat(session.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.csrfToken());
        now = now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(session.token())).contains(session);
        now = now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(session.token())).as("used 20 minutes ago").contains(session);
        now = now.plus(Duration.ofMinutes(31));
        assertThat(sessions.find(session.token())).as("idle for 31 minutes").isEmpty();

        ConsoleSession busy = sessions.open("bob", Set.of());
        for (int i = 0; i < 49; i++) {
            now = now.plus(Duration.ofMinutes(15));
            sessions.find(busy.token());
        }
        assertThat(sessions.find(busy.token())).as("used all along, but 12 h old").isEmpty();
    }

    @Test
    void logoutAndCapacityEndSessionsAndTheCsrfTokenMustMatch() {
        ConsoleSession first = sessions.open("ann", Set.of());
        ConsoleSession second = sessions.open("bob", Set.of());
        sessions.open("cid", Set.of());
        assertThat(sessions.find(first.token())).as("the least recently used of 3, 2 allowed").isEmpty();
        sessions.close(second.token());
        assertThat(sessions.find(second.token())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(ConsoleSessions.csrfMatches(second, second.csrfToken())).isTrue();
        assertThat(ConsoleSessions.csrfMatches(second, second.token())).isFalse();
        assertThat(ConsoleSessions.csrfMatches(second, null)).isFalse();
    }

    private static ReviewConfig.Session config(int max) {
        return new ReviewConfig.Session() {
            @Override
            public Duration idleTimeout() {
                return Duration.ofMinutes(30);
            }

            @Override
            public Duration maxAge() {
                return Duration.ofHours(12);
            }

            @Override
            public int maxSessions() {
                return max;
            }

            @Override
            public boolean secureCookie() {
                return true;
            }
        };
    }
}
