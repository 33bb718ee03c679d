package dev.dpiqa.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads a composed version ({@code compose} in its manifest) as its own file plus the versions it names, each through
 * {@code delegate} with its own checks, and serves their weighted sum; any other version goes to {@code delegate}
 * unchanged. The versions named must sit in the same model cache, take the same input and give the same quality
 * map, and not be composed themselves, so a composition is one level deep and cannot loop.
 */
public final class ComposingLoader implements ModelLoader {

    private final ModelLoader delegate;

    public ComposingLoader(ModelLoader delegate) {
        this.delegate = delegate;
    }

    @Override
    public QualityModel load(CachedModel cached) throws ModelLoadException {
        ModelManifest.Compose compose = cached.manifest().compose();
        if (compose == null) {
            return delegate.load(cached);
        }
        List<CachedModel> beside = new ArrayList<>();
        for (ModelManifest.Share share : compose.versions()) {
            beside.add(companion(cached, share));
        }
        List<QualityModel> parts = new ArrayList<>();
        try {
            parts.add(delegate.load(cached));
            for (CachedModel version : beside) {
                parts.add(delegate.load(version));
            }
        } catch (ModelLoadException | RuntimeException e) {
            parts.forEach(QualityModel::close);
            throw e;
        }
        double[] weights = new double[parts.size()];
        weights[0] = compose.self();
        for (int i = 0; i < compose.versions().size(); i++) {
            weights[i + 1] = compose.versions().get(i).weight();
        }
        return new ComposedModel(cached.manifest(), parts, weights);
    }

    private static CachedModel companion(CachedModel composed, ModelManifest.Share share) throws ModelLoadException {
        ModelRegistry cache = new ModelRegistry(composed.directory().getParent().getParent());
        CachedModel version;
        try {
            version = cache.version(share.name(), share.version());
        } catch (ModelNotFoundException e) {
            throw new ModelLoadException("refusing " + composed.id() + ": it is composed with " + share.name() + " "
                    + share.version() + ", which is not in its model cache", e);
        }
        ModelManifest own = composed.manifest();
        ModelManifest other = version.manifest();
        String mismatch = other.compose() != null ? "is composed itself"
                : !other.input().equals(own.input()) ? "takes input " + other.input()
                : !other.outputs().qmap().equals(own.outputs().qmap()) ? "gives quality maps " + other.outputs().qmap()
                : null;
        if (mismatch != null) {
            throw new ModelLoadException("refusing " + composed.id() + ": " + version.id() + ", which it is composed "
                    + "with, " + mismatch);
        }
        return version;
    }
}
