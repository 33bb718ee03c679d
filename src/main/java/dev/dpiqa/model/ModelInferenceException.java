package dev.dpiqa.model;

/**
 * A forward pass failed. Unchecked, unlike the load-time {@link ModelException}s, because it travels through
 * {@link java.util.concurrent.CompletableFuture}s of the scorers.
 */
public final class ModelInferenceException extends RuntimeException {

    public ModelInferenceException(String message) {
        super(message);
    }

    public ModelInferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
