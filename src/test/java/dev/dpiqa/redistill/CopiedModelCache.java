package dev.dpiqa.redistill;

import dev.dpiqa.model.Fixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A writable copy of the fixture model cache for tests that promote or retire versions. */
public class CopiedModelCache implements QuarkusTestResourceLifecycleManager {

    private static volatile Path root;

    /** The copy the running test profile serves from. */
    public static Path root() {
        return root;
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("dpiqa-model-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Fixtures.copy(Fixtures.STUDENT, "1.1.0", root);
        Fixtures.copy(Fixtures.TEACHER, "1.0.0", root);
        return Map.of("%test.dpiqa.models.cache-dir", root.toString()); // %test: outranks application.properties
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
