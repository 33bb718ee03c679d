package dev.dpiqa.api.console;

/** A queued item whose photo cannot be shown, with the HTTP status that says why. */
public class PhotoUnavailableException extends Exception {

    private final int status;
    private final String reason;

    PhotoUnavailableException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
