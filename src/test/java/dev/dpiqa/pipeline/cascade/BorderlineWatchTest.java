package dev.dpiqa.pipeline.cascade;

import dev.dpiqa.pipeline.PipelineParts;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BorderlineWatchTest {

    private final PipelineParts parts = new PipelineParts(Map.of());
    /** Answers reach it through {@link ProcessedLedger#mark}, as a teacher's read back from its topic would. */
    private final ProcessedLedger ledger = parts.ledger;
    private final BorderlineWatch watch = new BorderlineWatch(ledger, Duration.ofMillis(50));
    private final AtomicInteger fallbacks = new AtomicInteger();

    private CompletableFuture<Void> fallback() {
        fallbacks.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @AfterEach
    void close() {
        watch.close();
        parts.close();
    }

    @Test
    void aTeacherAnswerInTimeSettlesTheUploadWithoutTheFallback() throws Exception {
        CompletableFuture<Boolean> answered = watch.watch("upload-1", Instant.now().plusMillis(200), this::fallback);

        ledger.mark("upload-1", ProcessedLedger.FINAL);

        assertThat(answered.get(1, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(400); // past deadline and grace: the fallback must not run after all
        assertThat(fallbacks).hasValue(0);
        assertThat(watch.pending()).isZero();
    }

    @Test
    void noAnswerByDeadlineAndGracePublishesTheFallbackOnce() throws Exception {
        CompletableFuture<Boolean> answered = watch.watch("upload-2", Instant.now().plusMillis(100), this::fallback);

        assertThat(answered.get(2, TimeUnit.SECONDS)).isFalse();
        assertThat(fallbacks).hasValue(1);
    }

    @Test
    void anAnswerThatCameBeforeTheWatchIsNotMissed() throws Exception {
        ledger.mark("upload-3", ProcessedLedger.FINAL);

        assertThat(watch.watch("upload-3", Instant.now().plusSeconds(10), this::fallback)
                .get(1, TimeUnit.SECONDS)).isTrue();
    }
}
