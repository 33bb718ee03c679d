package dev.dpiqa.model;

import java.nio.file.Path;
import java.util.List;

/** A manifest.json that cannot be parsed or breaks the contract; lists every problem found, not just the first. */
public final class InvalidManifestException extends ModelException {

    private final List<String> problems;

    public InvalidManifestException(Path manifest, List<String> problems) {
        super("invalid model manifest " + manifest + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
