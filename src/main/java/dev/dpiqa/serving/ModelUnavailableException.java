package dev.dpiqa.serving;

/** The models could not be loaded (none in the cache, checksum refused, ...); scoring is impossible until they are. */
public final class ModelUnavailableException extends Exception {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
