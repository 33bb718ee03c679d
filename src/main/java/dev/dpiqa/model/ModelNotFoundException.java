package dev.dpiqa.model;

/** No valid model in the cache matches the requested name (and pinned version). */
public final class ModelNotFoundException extends ModelException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
