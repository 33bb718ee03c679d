package dev.dpiqa.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One version folder of the model cache: {@code <root>/<name>/<version>/}, with its validated manifest. */
public record CachedModel(ModelManifest manifest, Path directory) {

    /** The TorchScript file ({@code file} in the manifest), which every version has. */
    public Path modelFile() {
        return directory.resolve(manifest.file());
    }

    /** The file for {@code engine}, when the version has one. */
    public Optional<ModelManifest.ModelFile> fileFor(ModelEngine engine) {
        return manifest.fileFor(engine);
    }

    public Path resolve(ModelManifest.ModelFile file) {
        return directory.resolve(file.file());
    }

    /** The engines this version can be served by, in the manifest's order. */
    public List<ModelEngine> engines() {
        return manifest.engines();
    }

    public ModelId id() {
        return manifest.id();
    }
}
