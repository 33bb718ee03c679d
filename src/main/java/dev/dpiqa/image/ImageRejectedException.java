package dev.dpiqa.image;

/** An image that cannot be scored, with a machine-readable reason and a human-readable message. */
public final class ImageRejectedException extends Exception {

    /** Why an image was refused; stable names, used in problem JSON and dead-letter headers. */
    public enum Reason {
        /** Zero bytes, or nothing that looks like content. */
        EMPTY,
        /** The bytes are not an image type we decode (HTML, SVG, ZIP, ...), whatever the name says. */
        UNSUPPORTED_TYPE,
        /** Looks like a supported image but cannot be decoded: corrupt or truncated. */
        CORRUPT,
        /** More bytes than the configured limit. */
        TOO_MANY_BYTES,
        /** Header declares more pixels than the configured limit (decompression bomb guard). */
        TOO_MANY_PIXELS
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
