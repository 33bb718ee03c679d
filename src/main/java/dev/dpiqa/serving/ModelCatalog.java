package dev.dpiqa.serving;

import ai.djl.util.cuda.CudaUtils;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.EngineSelectingLoader;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelNotFoundException;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.djl.DeviceChoice;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The model cache as listed to operators: every valid version, which serve, and checksums on request. */
@ApplicationScoped
public class ModelCatalog {

    /** The listing and the folders skipped for broken manifests. */
    public record Listing(List<ModelView> models, List<String> problems) {
    }

    /** What a version says of itself: its manifest's lineage and its model card (markdown), when it has one. */
    public record VersionDetails(Map<String, Object> lineage, Optional<String> modelCard) {
    }

    private final ModelRegistry registry;
    private final ScoringEngine engine;
    private final ModelsConfig models;

    public ModelCatalog(ModelRegistry registry, ScoringEngine engine, ModelsConfig models) {
        this.registry = registry;
        this.engine = engine;
        this.models = models;
    }

    /** Empty when the version is not in the cache (retired since it was loaded, say). */
    public Optional<VersionDetails> details(String name, String version) throws IOException {
        CachedModel model;
        try {
            model = registry.version(name, version);
        } catch (ModelException e) {
            return Optional.empty();
        }
        Path card = model.directory().resolve(ModelRegistry.MODEL_CARD_FILE);
        return Optional.of(new VersionDetails(model.manifest().lineage(),
                Files.exists(card) ? Optional.of(Files.readString(card)) : Optional.empty()));
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
        Map<ModelId, ModelEngine> loaded = engine.servingEngines();
        return listing(verify, wanted, loaded.keySet(), loaded);
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
        return listing(verify, model -> true, configured, Map.of());
    }

    private Listing listing(boolean verify, Predicate<CachedModel> wanted, Set<ModelId> serving,
                            Map<ModelId, ModelEngine> loaded) {
        ModelRegistry.Scan scan = registry.scan();
        ModelEngine preferred = preferredEngine();
        List<ModelView> views = scan.models().stream().filter(wanted)
                .map(model -> view(model, serving.contains(model.id()), loaded.get(model.id()), preferred, verify))
                .toList();
        return new Listing(views, scan.problems());
    }

    /**
     * What this node's config prefers, without starting an engine: under {@code auto}, PyTorch where a GPU is
     * configured or CUDA sees one, else ONNX Runtime (the loader's own rule, {@link EngineSelectingLoader}).
     */
    private ModelEngine preferredEngine() {
        return switch (models.engine()) {
            case PYTORCH -> ModelEngine.PYTORCH;
            case ONNXRUNTIME -> ModelEngine.ONNXRUNTIME;
            case AUTO -> models.device() == DeviceChoice.GPU
                    || (models.device() == DeviceChoice.AUTO && CudaUtils.getGpuCount() > 0)
                    ? ModelEngine.PYTORCH : ModelEngine.ONNXRUNTIME;
        };
    }

    private static ModelView view(CachedModel model, boolean serving, ModelEngine loadedBy, ModelEngine preferred,
                                  boolean verify) {
        ModelManifest manifest = model.manifest();
        // A loaded version was verified by the loader before it was loaded.
        Boolean verified = loadedBy != null ? Boolean.TRUE : verify ? matchesChecksums(model) : null;
        ModelEngine engine = loadedBy != null ? loadedBy
                : model.fileFor(preferred).isPresent() ? preferred : ModelEngine.PYTORCH;
        return new ModelView(manifest.name(), manifest.version(), manifest.role(), manifest.createdAt(),
                manifest.sha256(), verified, serving, model.engines().stream().map(ModelEngine::id).toList(),
                engine.id(), new int[]{manifest.input().height(), manifest.input().width()}, manifest.metrics());
    }

    /** Every model file of the version, for every engine: any one failing would refuse the version there. */
    private static boolean matchesChecksums(CachedModel model) {
        try {
            for (ModelManifest.ModelFile file : model.manifest().modelFiles()) {
                Checksums.verify(model.resolve(file), file.sha256());
            }
            return true;
        } catch (ModelLoadException e) {
            return false; // a mismatch, or a missing or unreadable file: it would not load either
        }
    }
}
