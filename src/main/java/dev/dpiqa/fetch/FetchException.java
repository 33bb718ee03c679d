package dev.dpiqa.fetch;

/**
 * An image URI that could not be fetched. {@link #isTransient()} tells a pipeline whether a retry may succeed;
 * {@link #reason()} is a stable name for problem JSON and dead-letter headers.
 */
public final class FetchException extends Exception {

    /** Why a fetch failed. */
    public enum Reason {
        /** Not an absolute http(s)/file URI, or one we cannot parse or follow. */
        BAD_URI,
        /** Resolves to an address (or a path) the guard refuses: loopback, private, metadata, ... */
        FORBIDDEN_ADDRESS,
        /** DNS failure, connection refused or reset, TLS failure. */
        UNREACHABLE,
        /** The connect or total time limit ran out. */
        TIMEOUT,
        /** Declared or streamed body larger than the byte limit. */
        TOO_LARGE,
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS,
        /** The server answered with a non-success status; see {@link #httpStatus()}. */
        HTTP_STATUS,
        /** A {@code file:} URI naming no readable file. */
        NOT_FOUND
    }

    private final Reason reason;
    private final int httpStatus;
    private final boolean transientFailure;

    private FetchException(Reason reason, int httpStatus, boolean transientFailure, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
    }

    static FetchException permanent(Reason reason, String message) {
        return new FetchException(reason, 0, false, message, null);
    }

    static FetchException permanent(Reason reason, String message, Throwable cause) {
        return new FetchException(reason, 0, false, message, cause);
    }

    static FetchException transientFailure(Reason reason, String message, Throwable cause) {
        return new FetchException(reason, 0, true, message, cause);
    }

    static FetchException httpStatus(int status, String uri) {
        return new FetchException(Reason.HTTP_STATUS, status, isRetryable(status), "HTTP " + status + " from " + uri, null);
    }

    /** Overload, rate limiting and gateway errors pass; client errors and "not implemented" do not. */
    private static boolean isRetryable(int status) {
        return status == 408 || status == 425 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status for {@link Reason#HTTP_STATUS}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when retrying later may succeed (timeouts, unreachable hosts, 5xx, 429). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The reason as it appears in problem JSON and dead-letter headers, e.g. {@code HTTP_STATUS(404)}. */
    public String reasonLabel() {
        return reason == Reason.HTTP_STATUS ? "HTTP_STATUS(" + httpStatus + ")" : reason.name();
    }
}
