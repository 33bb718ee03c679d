package dev.dpiqa.model;

/** Turns a model-cache entry into a {@link QualityModel}; verifies the file's sha256 before any byte reaches the engine. */
@FunctionalInterface
public interface ModelLoader {

    QualityModel load(CachedModel model) throws ModelLoadException;
}
