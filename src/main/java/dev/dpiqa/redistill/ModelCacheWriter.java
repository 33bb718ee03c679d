package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.InvalidManifestException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes re-distilled versions into the model cache. A candidate is assembled under {@code <root>/.staging/<name>/}
 * (one level deeper than versions, so the registry never lists a half-written one) and becomes
 * {@code <root>/<name>/<version>/} with one atomic rename, on the same file system. A rolled-back version moves to
 * {@code <root>/.retired/<name>/<version>/} the same way: out of the registry's sight, kept for inspection.
 */
public final class ModelCacheWriter {

    private static final String STAGING = ".staging";
    private static final String RETIRED = ".retired";

    private final Path root;
    private final ObjectMapper json;

    public ModelCacheWriter(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    /** An empty staging folder for a candidate of model {@code name}. */
    public Path stagingFolder(String name) throws IOException {
        try {
            return Files.createDirectories(root.resolve(STAGING).resolve(name).resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new IOException("the model cache " + root + " cannot take a new version (read-only, full, or not a"
                    + " folder?): " + e, e);
        }
    }

    /**
     * Describes the model file in {@code staging} as version {@code version} of {@code parent}'s model: the parent's
     * manifest with this version, creation time, sha256, metrics and lineage, and its TorchScript file alone (no
     * {@code files}: the parent's ONNX copy does not hold the new weights).
     */
    public CachedModel describe(Path staging, CachedModel parent, String version, Map<String, Object> metrics,
                                Map<String, Object> lineage) throws IOException, InvalidManifestException {
        Path modelFile = staging.resolve(parent.manifest().file());
        ObjectNode manifest = (ObjectNode) json.readTree(parent.directory().resolve(ModelRegistry.MANIFEST_FILE).toFile());
        manifest.put("version", version);
        manifest.put("created_at", Instant.now().toString());
        manifest.put("sha256", Checksums.sha256(modelFile));
        // Java trains and writes TorchScript only: the parent's ONNX export holds the parent's weights, so the new
        // version lists no ONNX file and is served by PyTorch on every device (dpiqa models says so).
        manifest.remove("files");
        manifest.set("metrics", json.valueToTree(metrics));
        manifest.set("lineage", json.valueToTree(lineage));
        Path manifestFile = staging.resolve(ModelRegistry.MANIFEST_FILE);
        json.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
        return new CachedModel(ModelManifest.read(manifestFile), staging);
    }

    /**
     * Adds the parent's model card with a note on this re-distillation, then moves the staged candidate to its
     * version folder in one rename.
     *
     * @return the new version as the registry will list it
     */
    public CachedModel promote(CachedModel staged, CachedModel parent, String note) throws IOException {
        Path parentCard = parent.directory().resolve(ModelRegistry.MODEL_CARD_FILE);
        String card = Files.exists(parentCard) ? Files.readString(parentCard) : "# " + parent.manifest().name() + "\n";
        Files.writeString(staged.directory().resolve(ModelRegistry.MODEL_CARD_FILE), card + "\n## Re-distillation "
                + staged.manifest().version() + "\n\n" + note + "\n");
        Path target = root.resolve(staged.manifest().name()).resolve(staged.manifest().version());
        Files.createDirectories(target.getParent());
        Files.move(staged.directory(), target, StandardCopyOption.ATOMIC_MOVE);
        return new CachedModel(staged.manifest(), target);
    }

    /** Moves a version out of the registry's sight, for a rollback. */
    public Path retire(CachedModel version) throws IOException {
        Path target = root.resolve(RETIRED).resolve(version.manifest().name()).resolve(version.manifest().version()
                + "-" + Instant.now().toEpochMilli());
        Files.createDirectories(target.getParent());
        return Files.move(version.directory(), target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a staged candidate the gate rejected. */
    public void discard(Path staging) throws IOException {
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
