package dev.dpiqa.api;

import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.scoring.engine.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The model cache as listed to operators: every valid version, which serve, and checksums on request. */
@ApplicationScoped
public class ModelCatalog {

    /** The listing and the folders skipped for broken manifests. */
    public record Listing(List<ModelView> models, List<String> problems) {
    }

    private final ModelRegistry registry;
    private final ScoringEngine engine;

    public ModelCatalog(ModelRegistry registry, ScoringEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    public Listing list(boolean verify) {
        ModelRegistry.Scan scan = registry.scan();
        Set<ModelId> serving = engine.serving().stream().map(ModelManifest::id).collect(Collectors.toSet());
        List<ModelView> views = scan.models().stream()
                .map(model -> view(model, serving.contains(model.id()), verify))
                .toList();
        return new Listing(views, scan.problems());
    }

    private static ModelView view(CachedModel model, boolean serving, boolean verify) {
        ModelManifest manifest = model.manifest();
        // A serving version was verified by the loader before it was loaded.
        Boolean verified = serving ? Boolean.TRUE : verify ? matchesChecksum(model) : null;
        return new ModelView(manifest.name(), manifest.version(), manifest.role(), manifest.createdAt(),
                manifest.sha256(), verified, serving,
                new int[]{manifest.input().height(), manifest.input().width()}, manifest.metrics());
    }

    private static boolean matchesChecksum(CachedModel model) {
        try {
            Checksums.verify(model.modelFile(), model.manifest().sha256());
            return true;
        } catch (ModelLoadException e) {
            return false; // a mismatch, or a missing or unreadable file: it would not load either
        }
    }
}
