package dev.dpiqa.review;

import dev.dpiqa.redistill.LabelledImage;
import dev.dpiqa.scoring.VerdictPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a reviewer's judgement of a queued upload into a label on the labels topic, in the one label format
 * re-distillation reads ({@code dev.dpiqa.image.labelled}: one rater, the reviewer named as its source). Idempotent
 * per (asset, reviewer): the same decision again publishes nothing, a changed one publishes the new label (which,
 * the topic being compacted by asset, replaces the older).
 */
public final class DecisionDesk {

    /** The {@code source} of console labels; the reviewer's name follows it. */
    public static final String SOURCE_PREFIX = "dpiqa-console:";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final ReviewQueue queue;
    private final UploadIndex uploads;
    private final VerdictPolicy policy;
    private final Optional<LabelPublisher> publisher;
    private final Map<String, ReviewDecision> decisions;
    /** Locks by (asset, reviewer) hash: one decision of a pair at a time, different pairs in parallel. */
    private final Object[] stripes = new Object[64];

    /** @param remembered most (asset, reviewer) decisions kept to recognise a repeat; the oldest are forgotten */
    public DecisionDesk(ReviewQueue queue, UploadIndex uploads, VerdictPolicy policy,
                        Optional<LabelPublisher> publisher, int remembered) {
        this.queue = queue;
        this.uploads = uploads;
        this.policy = policy;
        this.publisher = publisher;
        this.decisions = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReviewDecision> eldest) {
                return size() > remembered;
            }
        };
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** The outcome, and whether it was published now (false: the same decision was already). */
    public record Outcome(ReviewDecision decision, boolean published) {
    }

    public boolean canPublish() {
        return publisher.isPresent();
    }

    /** One decision per (asset, reviewer) at a time, so a double submit cannot publish twice. */
    public Outcome decide(String itemId, String reviewer, Judgement judgement)
            throws DecisionRefusedException, InterruptedException, ExecutionException, TimeoutException {
        LabelPublisher labels = publisher.orElseThrow(() -> new DecisionRefusedException(
                DecisionRefusedException.Reason.NO_LABELS_TOPIC, "the Kafka pipeline is off on this instance: there"
                + " is no labels topic to publish the decision to"));
        ReviewItem item = queue.get(itemId).orElseThrow(() -> new DecisionRefusedException(
                DecisionRefusedException.Reason.NOT_IN_QUEUE, "no item " + itemId + " in this instance's queue"));
        String uri = uploads.get(item.uploadKey()).flatMap(PhotoRef::uri).orElseThrow(() ->
                new DecisionRefusedException(DecisionRefusedException.Reason.NO_IMAGE_URI, "asset " + item.assetId()
                        + " was uploaded inline (or too long ago to be remembered): a label must point at the image"
                        + " by URI, so it cannot be labelled here"));
        double mos = judgement.mos().orElseGet(() -> bandMiddle(judgement.verdict().orElseThrow()));
        String key = item.assetId() + "\n" + reviewer;
        synchronized (stripes[Math.floorMod(key.hashCode(), stripes.length)]) {
            ReviewDecision earlier = decision(key);
            if (earlier != null && earlier.mos() == mos) {
                return new Outcome(earlier, false);
            }
            ReviewDecision decision = new ReviewDecision(item.assetId(), reviewer, mos,
                    judgement.verdict().orElse("mos"), eventId(key, mos), Instant.now());
            labels.publish(decision.eventId(), new LabelledImage(item.assetId(), uri, mos, 1, SOURCE_PREFIX + reviewer))
                    .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (decisions) {
                decisions.put(key, decision);
            }
            return new Outcome(decision, true);
        }
    }

    /** This reviewer's decision on the asset, if made on this instance. */
    public Optional<ReviewDecision> decisionOf(String assetId, String reviewer) {
        return Optional.ofNullable(decision(assetId + "\n" + reviewer));
    }

    private ReviewDecision decision(String key) {
        synchronized (decisions) {
            return decisions.get(key);
        }
    }

    /** Accept and reject as a MOS: the middle of that verdict's band under the thresholds in force. */
    public double bandMiddle(String verdict) {
        return Judgement.ACCEPT.equals(verdict) ? (policy.acceptFrom() + 100) / 2 : policy.rejectBelow() / 2;
    }

    private static String eventId(String key, double mos) {
        return UUID.nameUUIDFromBytes(("label\n" + key + "\n" + mos).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
