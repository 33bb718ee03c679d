package dev.dpiqa.api;

import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelNotFoundException;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.scoring.engine.ModelsConfig;
import dev.dpiqa.scoring.engine.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The model cache as listed to operators: every valid version, which serve, and checksums on request. */
@ApplicationScoped
public class ModelCatalog {

    /** The listing and the folders skipped for broken manifests. */
    public record Listing(List<ModelView> models, List<String> problems) {
    }

    private final ModelRegistry registry;
    private final ScoringEngine engine;
    private final ModelsConfig models;

    public ModelCatalog(ModelRegistry registry, ScoringEngine engine, ModelsConfig models) {
        this.registry = registry;
        this.engine = engine;
        this.models = models;
    }

    /** As the service lists it: serving = loaded and scoring now. */
    public Listing list(boolean verify) {
        return loadedListing(verify, model -> true);
    }

    /** As {@link #list(boolean)}, the versions of one model only (and only theirs hashed). */
    public Listing list(boolean verify, String name) {
        return loadedListing(verify, model -> model.manifest().name().equals(name));
    }

    private Listing loadedListing(boolean verify, Predicate<CachedModel> wanted) {
        Set<ModelId> loaded = engine.serving().stream().map(ModelManifest::id).collect(Collectors.toSet());
        return listing(verify, wanted, loaded, loaded);
    }

    /**
     * As a command that loads no model lists it: serving = what {@code serve} and {@code score} would load, the
     * configured student's and teacher's pinned version, else their newest.
     */
    public Listing listConfigured(boolean verify) {
        Set<ModelId> configured = new HashSet<>();
        for (ModelsConfig.Slot slot : Stream.concat(Stream.of(models.student()), models.teacher().stream()).toList()) {
            try {
                configured.add(registry.resolve(slot.name(), slot.version()).id());
            } catch (ModelNotFoundException e) {
                // nothing of that name to serve: no version is marked, and scoring says why when it is tried
            }
        }
        return listing(verify, model -> true, configured, Set.of());
    }

    private Listing listing(boolean verify, Predicate<CachedModel> wanted, Set<ModelId> serving, Set<ModelId> loaded) {
        ModelRegistry.Scan scan = registry.scan();
        List<ModelView> views = scan.models().stream().filter(wanted)
                .map(model -> view(model, serving.contains(model.id()), loaded.contains(model.id()), verify))
                .toList();
        return new Listing(views, scan.problems());
    }

    private static ModelView view(CachedModel model, boolean serving, boolean loaded, boolean verify) {
        ModelManifest manifest = model.manifest();
        // A loaded version was verified by the loader before it was loaded.
        Boolean verified = loaded ? Boolean.TRUE : verify ? matchesChecksum(model) : null;
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
