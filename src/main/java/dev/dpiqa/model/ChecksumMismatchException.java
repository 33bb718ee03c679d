package dev.dpiqa.model;

import java.nio.file.Path;

/** The model file's sha256 differs from its manifest: the bytes are not the ones that were exported, so refuse them. */
public final class ChecksumMismatchException extends ModelLoadException {

    private final Path file;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(Path file, String expected, String actual) {
        super("sha256 mismatch for " + file + ": expected " + expected + ", actual " + actual);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
