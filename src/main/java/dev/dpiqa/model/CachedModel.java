package dev.dpiqa.model;

import java.nio.file.Path;

/** One version folder of the model cache: {@code <root>/<name>/<version>/}, with its validated manifest. */
public record CachedModel(ModelManifest manifest, Path directory) {

    public Path modelFile() {
        return directory.resolve(manifest.file());
    }

    public ModelId id() {
        return manifest.id();
    }
}
