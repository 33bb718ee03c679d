package dev.dpiqa.review;

import dev.dpiqa.redistill.LabelledImage;
import dev.dpiqa.scoring.VerdictPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionDeskTest {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private final List<String> ids = new ArrayList<>();
    private final List<LabelledImage> published = new ArrayList<>();
    private final ReviewQueue queue = new ReviewQueue(10, POLICY);
    private final UploadIndex uploads = new UploadIndex(10, 1000);
    private final DecisionDesk desk = new DecisionDesk(queue, uploads, POLICY,
            Optional.of((id, label) -> {
                ids.add(id);
                published.add(label);
                return CompletableFuture.completedFuture(null);
            }), 100);

    @Test
    void publishesOneLabelPerAssetAndReviewerUntilTheDecisionChanges() throws Exception {
        queued("q1", "photo.jpg", Optional.of("https://dam.example/photo.jpg"));
        assertThat(desk.decide("q1", "ann", judgement(72.0)).published()).isTrue();
        assertThat(desk.decide("q1", "ann", judgement(72.0)).published()).as("the same again").isFalse();
        assertThat(desk.decide("q1", "bob", judgement(72.0)).published()).as("another reviewer").isTrue();
        DecisionDesk.Outcome accepted = desk.decide("q1", "ann", new Judgement(Optional.empty(), Optional.of("accept")));
        assertThat(accepted.decision().mos()).as("the middle of 60..100").isEqualTo(80.0);
        assertThat(desk.decide("q1", "ann", new Judgement(Optional.empty(), Optional.of("reject"))).decision().mos())
                .as("the middle of 0..40").isEqualTo(20.0);

        assertThat(published).containsExactly(
                new LabelledImage("photo.jpg", "https://dam.example/photo.jpg", 72.0, 1, "dpiqa-console:ann"),
                new LabelledImage("photo.jpg", "https://dam.example/photo.jpg", 72.0, 1, "dpiqa-console:bob"),
                new LabelledImage("photo.jpg", "https://dam.example/photo.jpg", 80.0, 1, "dpiqa-console:ann"),
                new LabelledImage("photo.jpg", "https://dam.example/photo.jpg", 20.0, 1, "dpiqa-console:ann"));
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(desk.decisionOf("photo.jpg", "ann").orElseThrow().mos()).isEqualTo(20.0);
    }

    @Test
    void refusesWhatCannotBecomeALabel() {
        queued("q2", "inline.png", Optional.empty());
        assertThatThrownBy(() -> desk.decide("q2", "ann", judgement(50.0)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(DecisionRefusedException.Reason.NO_IMAGE_URI));
        assertThatThrownBy(() -> desk.decide("gone", "ann", judgement(50.0)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(DecisionRefusedException.Reason.NOT_IN_QUEUE));
        DecisionDesk offline = new DecisionDesk(queue, uploads, POLICY, Optional.empty(), 10);
        assertThatThrownBy(() -> offline.decide("q2", "ann", judgement(50.0)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(DecisionRefusedException.Reason.NO_LABELS_TOPIC));
        assertThatThrownBy(() -> judgement(101.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Judgement(Optional.of(50.0), Optional.of("accept")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(published).isEmpty();
    }

    private void queued(String id, String asset, Optional<String> uri) {
        queue.offer(new ReviewItem(id, asset, "upload-" + id, Instant.now(), 45, null, "review", "student", "m",
                "1.0.0", 10));
        uploads.put("upload-" + id, new PhotoRef(asset, uri, uri.isPresent() ? Optional.empty()
                : Optional.of(new byte[]{1, 2, 3})));
    }

    private static Judgement judgement(double mos) {
        return new Judgement(Optional.of(mos), Optional.empty());
    }
}
