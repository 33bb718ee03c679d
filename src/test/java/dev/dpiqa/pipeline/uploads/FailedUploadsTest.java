package dev.dpiqa.pipeline.uploads;

import dev.dpiqa.pipeline.PipelineParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailedUploadsTest {

    private final PipelineParts parts = new PipelineParts(Map.of(
            "dpiqa.pipeline.retry.initial-backoff", "1s", "dpiqa.pipeline.retry.max-backoff", "20s"));
    private final FailedUploads failed = new FailedUploads(parts.handling, parts.recording.publisher, parts.ledger,
            parts.config.retry(), parts.metrics);

    @AfterEach
    void close() {
        parts.close();
    }

    @Test
    void backOffDoublesPerAttemptUpToItsCap() {
        assertThat(failed.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(failed.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(failed.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(failed.backoff(6)).isEqualTo(Duration.ofSeconds(20));
        assertThat(failed.backoff(1000)).isEqualTo(Duration.ofSeconds(20));
    }
}
