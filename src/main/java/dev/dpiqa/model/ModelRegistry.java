package dev.dpiqa.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model cache on disk: {@code <root>/<name>/<version>/manifest.json}. Rescans on every call, since training
 * jobs add versions while the service runs. A folder with a broken manifest, or one whose manifest names another
 * model or version, is skipped and listed in {@link Scan#problems()} rather than hiding the healthy models.
 * Checksums are not verified here (that costs a full read): the loader does it before loading.
 */
public final class ModelRegistry {

    public static final String MANIFEST_FILE = "manifest.json";
    /** A version's model card, markdown, written by the exporter and extended by re-distillation. */
    public static final String MODEL_CARD_FILE = "MODEL_CARD.md";

    /** One pass over the cache: valid models ordered by name then semantic version, and the folders skipped. */
    public record Scan(List<CachedModel> models, List<String> problems) {
    }

    private static final Comparator<CachedModel> ORDER = Comparator
            .comparing((CachedModel m) -> m.manifest().name())
            .thenComparing(m -> m.manifest().semanticVersion());

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Scan scan() {
        List<CachedModel> models = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path versionDir : versionFolders()) {
            try {
                models.add(open(versionDir));
            } catch (InvalidManifestException e) {
                problems.add(e.getMessage());
            }
        }
        models.sort(ORDER);
        return new Scan(List.copyOf(models), List.copyOf(problems));
    }

    /** Valid models, by name then ascending version. */
    public List<CachedModel> models() {
        return scan().models();
    }

    public List<String> names() {
        return models().stream().map(m -> m.manifest().name()).distinct().toList();
    }

    /** Valid versions of one model, ascending. */
    public List<CachedModel> versions(String name) {
        return models().stream().filter(m -> m.manifest().name().equals(name)).toList();
    }

    public CachedModel latest(String name) throws ModelNotFoundException {
        return newestFirst(name).get(0);
    }

    /** Valid versions of one model, newest first; never empty. */
    public List<CachedModel> newestFirst(String name) throws ModelNotFoundException {
        List<CachedModel> versions = new ArrayList<>(versions(name));
        if (versions.isEmpty()) {
            throw new ModelNotFoundException("no valid version of model '" + name + "' under " + root);
        }
        Collections.reverse(versions);
        return versions;
    }

    public CachedModel version(String name, String version) throws ModelNotFoundException {
        ModelVersion wanted = ModelVersion.parse(version);
        return versions(name).stream()
                .filter(m -> m.manifest().semanticVersion().compareTo(wanted) == 0)
                .findFirst()
                .orElseThrow(() -> new ModelNotFoundException(
                        "model '" + name + "' has no valid version " + version + " under " + root));
    }

    /** The pinned version when given, else the latest: the usual way config selects a model. */
    public CachedModel resolve(String name, Optional<String> pinnedVersion) throws ModelNotFoundException {
        return candidates(name, pinnedVersion).get(0);
    }

    /**
     * What config may serve, in order of preference: only the pinned version when given (never a substitute for
     * what the operator asked for), else every valid version, newest first.
     */
    public List<CachedModel> candidates(String name, Optional<String> pinnedVersion) throws ModelNotFoundException {
        return pinnedVersion.isPresent() ? List.of(version(name, pinnedVersion.get())) : newestFirst(name);
    }

    private static CachedModel open(Path versionDir) throws InvalidManifestException {
        Path manifestFile = versionDir.resolve(MANIFEST_FILE);
        ModelManifest manifest = ModelManifest.read(manifestFile);
        String folderName = versionDir.getParent().getFileName().toString();
        String folderVersion = versionDir.getFileName().toString();
        if (!manifest.name().equals(folderName) || !manifest.version().equals(folderVersion)) {
            throw new InvalidManifestException(manifestFile, List.of("manifest says " + manifest.id()
                    + " but the folder is " + folderName + "/" + folderVersion));
        }
        return new CachedModel(manifest, versionDir);
    }

    private List<Path> versionFolders() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> manifests = Files.find(root, 3,
                (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().equals(MANIFEST_FILE)
                        && root.relativize(path).getNameCount() == 3)) {
            return manifests.map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model cache " + root, e);
        }
    }
}
