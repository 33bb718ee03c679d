package dev.dpiqa.model;

/** Base of the checked failures around finding, validating and loading a model (mirrors DJL's ModelException). */
public class ModelException extends Exception {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
