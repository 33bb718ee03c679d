package dev.dpiqa.model;

/** A model was found but refused: checksum, engine load, or output contract failed. The current model keeps serving. */
public class ModelLoadException extends ModelException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
