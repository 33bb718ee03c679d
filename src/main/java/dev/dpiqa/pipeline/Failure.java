package dev.dpiqa.pipeline;

import dev.dpiqa.image.ImageRejectedException;

/**
 * Why an event could not be answered with a quality event.
 *
 * @param code      stable, for dashboards and the dead-letter header, e.g. {@code IMAGE_CORRUPT}
 * @param retryable whether the same event may succeed later (an unreachable URL, an overloaded model)
 */
public record Failure(String code, String reason, boolean retryable) {

    public static Failure permanent(String code, String reason) {
        return new Failure(code, reason, false);
    }

    public static Failure retryable(String code, String reason) {
        return new Failure(code, reason, true);
    }

    /** A record that is no event the flow can act on: never retryable. */
    public static Failure malformed(String reason) {
        return permanent("MALFORMED_EVENT", reason);
    }

    /** An image the intake refused: never retryable, coded {@code IMAGE_<reason>}. */
    public static Failure imageRejected(ImageRejectedException e) {
        return permanent("IMAGE_" + e.reason().name(), e.getMessage());
    }
}
