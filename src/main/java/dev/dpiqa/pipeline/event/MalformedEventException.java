package dev.dpiqa.pipeline.event;

/** A record that is no event we can act on; the message says what is wrong, for the dead-letter topic. */
public class MalformedEventException extends Exception {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
