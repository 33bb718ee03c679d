package dev.dpiqa.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The reviewer console ({@code /console}): its queue (where the Kafka pipeline runs, it follows the quality topic
 * from the first look on), the photos it holds for it, labelled sets and sessions.
 */
@ConfigMapping(prefix = "dpiqa.console")
public interface ReviewConfig {

    Queue queue();

    interface Queue {
        /** Most items an instance keeps for review; the oldest leave first. */
        @WithDefault("2000")
        int capacity();

        /** How far back the quality topic is read when the queue starts (it then follows it). */
        @WithDefault("24h")
        Duration window();
    }

    Photos photos();

    interface Photos {
        /** Uploads whose image reference (URI, or the bytes of an inline upload) is remembered for the queue. */
        @WithDefault("20000")
        int uploadsRemembered();

        /** Memory for the bytes of inline uploads; beyond it the oldest are forgotten (their photos then show none). */
        @WithDefault("64")
        int inlineMemoryMib();

        /** Memory for rendered thumbnails, photos and quality maps; least recently used leave first. */
        @WithDefault("64")
        int cacheMib();
    }

    /**
     * Folders of labelled photos to pick on the Thresholds page, each with a {@code mos.csv} (columns image, mos
     * 0-100) beside its photos; the bundled sample photos are always offered.
     */
    Optional<List<Path>> labelledSets();

    Session session();

    interface Session {
        /** A session unused this long ends. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** A session ends this long after login, used or not. */
        @WithDefault("12h")
        Duration maxAge();

        /** Sessions held at once; beyond it the least recently used ends. */
        @WithDefault("10000")
        int maxSessions();

        /** Mark the session cookie Secure (browsers still send it to http://localhost); off only for plain-HTTP hosts. */
        @WithDefault("true")
        boolean secureCookie();
    }
}
