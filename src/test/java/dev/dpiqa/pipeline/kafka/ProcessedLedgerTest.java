package dev.dpiqa.pipeline.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger remembers of its own answers; reading them back from the topics is the broker tests' part. */
class ProcessedLedgerTest {

    /** Never started: no broker is asked. */
    private static ProcessedLedger ledger(int capacity) {
        return new ProcessedLedger(Map.of("bootstrap.servers", "127.0.0.1:9"), Set.of("image-quality"),
                "image-uploads-retry", Duration.ofHours(1), capacity);
    }

    @Test
    void progressOnlyMovesForward() {
        try (ProcessedLedger ledger = ledger(10)) {
            assertThat(ledger.progress("a")).isZero();

            ledger.mark("a", 2);
            ledger.mark("a", 1);
            assertThat(ledger.progress("a")).isEqualTo(2);

            ledger.mark("a", ProcessedLedger.FINAL);
            ledger.mark("a", 3);
            assertThat(ledger.progress("a")).isEqualTo(ProcessedLedger.FINAL);
        }
    }

    @Test
    void tellsItsListenersOnceWhenAnEventGetsItsAnswer() {
        try (ProcessedLedger ledger = ledger(10)) {
            List<String> answered = new ArrayList<>();
            ledger.onFinal(answered::add);

            ledger.mark("a", 1);
            ledger.mark("a", ProcessedLedger.FINAL);
            ledger.mark("a", ProcessedLedger.FINAL);

            assertThat(answered).containsExactly("a");
        }
    }

    @Test
    void forgetsTheLeastRecentlySeenBeyondItsCapacity() {
        try (ProcessedLedger ledger = ledger(2)) {
            ledger.mark("a", ProcessedLedger.FINAL);
            ledger.mark("b", ProcessedLedger.FINAL);
            ledger.progress("a"); // seen again: b is now the least recent
            ledger.mark("c", ProcessedLedger.FINAL);

            assertThat(ledger.progress("a")).isEqualTo(ProcessedLedger.FINAL);
            assertThat(ledger.progress("b")).isZero();
            assertThat(ledger.progress("c")).isEqualTo(ProcessedLedger.FINAL);
        }
    }
}
