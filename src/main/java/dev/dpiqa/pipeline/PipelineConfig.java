package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.event.EventMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Kafka pipeline: topics, the cascade over Kafka, retries and duplicate suppression. */
@ConfigMapping(prefix = "dpiqa.pipeline")
public interface PipelineConfig {

    /**
     * Whether this instance talks to Kafka at all; the CLI's batch commands turn it off, and so does {@code serve}
     * where no broker is configured (the REST API alone).
     */
    boolean enabled();

    /** Consume uploads, retries and thumbnail requests with the student. */
    boolean students();

    /** Consume borderline uploads with the teacher (the {@code teacher} profile, GPU nodes). */
    boolean teachers();

    /** Topic names, set in application.properties, where the channel configuration refers to them. */
    Topics topics();

    interface Topics {
        String uploads();

        String quality();

        String borderline();

        String retry();

        String deadLetter();

        String thumbnailRequests();

        String thumbnailSelected();

        /** Human labels for re-distillation; compacted, key = asset id, so it is the label store. */
        String labels();

        /** Announcements of promoted and rolled-back models, for every instance to hot-swap. */
        String modelUpdates();
    }

    /** Images fetched and decoded at once per consumer; inference batches across them. */
    @WithDefault("4")
    int concurrency();

    /** Largest image accepted inline (base64 in the event); larger ones must come by URI. */
    @WithDefault("1048576")
    int maxInlineBytes();

    /** Whether upload events may name {@code file:} URIs (shared volumes); off by default, on in the local profile. */
    @WithDefault("false")
    boolean fileUris();

    /** CloudEvents mode of the events this service writes. */
    @WithDefault("structured")
    EventMode eventMode();

    Cascade cascade();

    interface Cascade {
        /** Send borderline student results to teacher workers (on {@code topics.borderline}). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long teacher workers have for a borderline image; after it the student's result is published,
         * flagged {@code student-teacher-unavailable}. Keep it well under the consumer's 60 s unprocessed-record
         * limit (throttled commits).
         */
        @WithDefault("10s")
        Duration deadline();

        /** Extra wait for a teacher's event published just before the deadline to be seen. */
        @WithDefault("2s")
        Duration grace();
    }

    Retry retry();

    interface Retry {
        /** Attempts after the first for transient failures (unreachable URL, overload); then the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        /** Cap of the doubling back-off; keep it under the 60 s unprocessed-record limit. */
        @WithDefault("20s")
        Duration maxBackoff();
    }

    Dedup dedup();

    interface Dedup {
        /** How far back the output topics are read at start-up to learn which uploads are done. */
        @WithDefault("24h")
        Duration window();

        /** Most event ids remembered; the oldest are forgotten first. */
        @WithDefault("500000")
        int capacity();
    }
}
