package dev.dpiqa.review;

/** A decision that cannot become a label, with a reason a reviewer can act on. */
public class DecisionRefusedException extends Exception {

    public enum Reason {
        /** The item left this instance's queue (or never was in it). */
        NOT_IN_QUEUE,
        /** The upload was sent inline or is no longer remembered: a label needs a URI to the image. */
        NO_IMAGE_URI,
        /** No Kafka pipeline here, so no labels topic to publish to. */
        NO_LABELS_TOPIC
    }

    private final Reason reason;

    public DecisionRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
