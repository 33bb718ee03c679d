package dev.dpiqa.review;

import dev.dpiqa.scoring.VerdictPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewQueueTest {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ReviewQueue queue = new ReviewQueue(3, POLICY);

    @Test
    void keepsWhatAPersonShouldLookAtAndNotClearAccepts() {
        assertThat(queue.offer(item("a", 0, 30, "reject", "student"))).isTrue();
        assertThat(queue.offer(item("b", 1, 50, "review", "student"))).isTrue();
        assertThat(queue.offer(item("c", 2, 63, "accept", "student"))).as("within 5 of 60").isTrue();
        assertThat(queue.offer(item("d", 3, 90, "accept", "teacher"))).as("the teacher had to settle it").isTrue();
        assertThat(queue.offer(item("e", 4, 90, "accept", "student"))).isFalse();
        assertThat(queue.get("e")).isEmpty();
    }

    @Test
    void dropsTheOldestBeyondItsCapacityAndLetsALaterAnswerReplaceOrSettleAnItem() {
        for (int i = 0; i < 4; i++) {
            queue.offer(item("i" + i, i, 30, "reject", "student"));
        }
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.get("i0")).isEmpty();
        queue.offer(item("i1", 1, 45, "review", "teacher"));
        assertThat(queue.get("i1").orElseThrow().stage()).isEqualTo("teacher");
        queue.offer(item("i2", 2, 95, "accept", "student"));
        assertThat(queue.get("i2")).as("settled by a later answer").isEmpty();
    }

    @Test
    void pagesNewestFirstThroughTheFilters() {
        ReviewQueue big = new ReviewQueue(100, POLICY);
        for (int i = 0; i < 10; i++) {
            big.offer(item("i" + i, i, i % 2 == 0 ? 30 : 50, i % 2 == 0 ? "reject" : "review", "student"));
        }
        QueuePage page = big.page(new QueueQuery(Optional.of("reject"), Optional.empty(), Optional.of("m/1.0.0"),
                Optional.of(T0.plusSeconds(2)), Optional.of(T0.plusSeconds(9)), 1, 2));
        assertThat(page.total()).as("rejects from second 2 on, before second 9").isEqualTo(4);
        assertThat(page.items()).extracting(ReviewItem::id).containsExactly("i6", "i4");
        assertThat(page.models()).containsExactly("m/1.0.0");
        assertThatThrownBy(() -> new QueueQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 500)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ReviewItem item(String id, int second, double mos, String verdict, String stage) {
        return new ReviewItem(id, "asset-" + id, "upload-" + id, T0.plusSeconds(second), mos, null, verdict, stage,
                "m", "1.0.0", 12.5);
    }
}
