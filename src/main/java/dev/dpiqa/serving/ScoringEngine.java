package dev.dpiqa.serving;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ComposingLoader;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.ServingModel;
import dev.dpiqa.model.StudentSwap;
import dev.dpiqa.model.djl.ModelLoaders;
import dev.dpiqa.scoring.CascadeScorer;
import dev.dpiqa.scoring.MicroBatchConfig;
import dev.dpiqa.scoring.QualityScorer;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.TeacherScorer;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ScoringMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the configured models once, off the caller's thread, and hands out the {@link ImageScoringService} built on
 * them. Nothing loads until something asks (so {@code dpiqa --help} stays fast); a failed load is retried on the next
 * request, so a model copied into the cache later is picked up.
 */
@ApplicationScoped
public class ScoringEngine implements StudentSwap {

    private static final Logger LOG = Logger.getLogger(ScoringEngine.class);

    /** What loading produced, closed in reverse order of creation. */
    private record Loaded(ImageScoringService service, List<ServingModel> models, List<AutoCloseable> resources) {
    }

    private final ModelsConfig models;
    private final ScoringConfig scoring;
    private final VerdictPolicy policy;
    private final ImageIntake intake;
    private final ModelRegistry registry;
    private final ModelLoaders loaders;
    private final AtomicReference<CompletableFuture<Loaded>> loading = new AtomicReference<>();

    public ScoringEngine(ModelsConfig models, ScoringConfig scoring, VerdictPolicy policy, ImageIntake intake,
                         ModelRegistry registry, ModelLoaders loaders) {
        this.models = models;
        this.scoring = scoring;
        this.policy = policy;
        this.intake = intake;
        this.registry = registry;
        this.loaders = loaders;
    }

    /** Starts loading unless it is under way or done; a failed attempt is started again. */
    public CompletableFuture<ImageScoringService> start() {
        CompletableFuture<Loaded> current = loading.get();
        if (current == null || current.isCompletedExceptionally()) {
            CompletableFuture<Loaded> next = new CompletableFuture<>();
            if (loading.compareAndSet(current, next)) {
                Thread loader = new Thread(() -> load(next), "dpiqa-model-loader");
                loader.setDaemon(true);
                loader.start();
            }
        }
        return loading.get().thenApply(Loaded::service);
    }

    /** Waits for the models. */
    public ImageScoringService service() throws ModelUnavailableException {
        try {
            return start().join();
        } catch (CompletionException e) {
            throw new ModelUnavailableException("models unavailable: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The manifests of the versions serving now; empty while loading or after a failure. */
    public List<ModelManifest> serving() {
        CompletableFuture<Loaded> current = loading.get();
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return List.of();
        }
        return current.join().models().stream().map(ServingModel::current).toList();
    }

    /** Nothing to do before the models are loaded: loading takes the newest version. */
    @Override
    public Optional<ModelManifest> swapStudent(CachedModel next) throws ModelLoadException {
        CompletableFuture<Loaded> current = loading.get();
        if (current == null || current.isCompletedExceptionally()) {
            return Optional.empty();
        }
        ServingModel student = current.join().models().get(0); // a load under way finishes first
        return student.current().id().equals(next.id()) ? Optional.empty() : Optional.of(student.swapTo(next));
    }

    /** The versions loaded and scoring now, and the engine running each. */
    public Map<ModelId, ModelEngine> servingEngines() {
        CompletableFuture<Loaded> current = loading.get();
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return Map.of();
        }
        Map<ModelId, ModelEngine> engines = new java.util.LinkedHashMap<>();
        current.join().models().forEach(model -> engines.put(model.current().id(), model.engine()));
        return engines;
    }

    /** Why the last load failed, if it did. */
    public Optional<String> failure() {
        CompletableFuture<Loaded> current = loading.get();
        if (current == null || !current.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(current.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e)
                .join().getMessage());
    }

    private void load(CompletableFuture<Loaded> into) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            into.complete(build(resources));
        } catch (ModelException | RuntimeException | LinkageError e) {
            // LinkageError: a native library or class the engine needs is missing; callers must hear of it, not hang.
            LOG.errorf("cannot load models from %s: %s", registry.root(), e.toString());
            closeAll(resources);
            into.completeExceptionally(e);
        }
    }

    private Loaded build(List<AutoCloseable> resources) throws ModelException {
        ModelLoader loader = new ComposingLoader(loaders.serving());
        ServingModel student = serve(loader, models.student(), resources);
        StudentScorer studentScorer = new StudentScorer(student, policy, batching());
        resources.add(studentScorer);
        Map<ScoringMode, QualityScorer> scorers = new EnumMap<>(ScoringMode.class);
        scorers.put(ScoringMode.STUDENT, studentScorer);
        List<ServingModel> serving = new ArrayList<>(List.of(student));

        if (models.teacher().isPresent()) {
            ServingModel teacher = serve(loader, models.teacher().get(), resources);
            TeacherScorer teacherScorer = new TeacherScorer(teacher, policy, batching());
            resources.add(teacherScorer);
            scorers.put(ScoringMode.TEACHER, teacherScorer);
            scorers.put(ScoringMode.CASCADE, new CascadeScorer(studentScorer, teacherScorer, policy,
                    scoring.teacherDeadline()));
            serving.add(teacher);
        }
        LOG.infof("serving %s", serving.stream().map(m -> m.current().id() + " (" + m.engine() + ")").toList());
        return new Loaded(new ImageScoringService(intake, scorers), List.copyOf(serving), resources);
    }

    /** {@code dpiqa.scoring.max-batch} 0 is {@link MicroBatchConfig#BY_ENGINE}: sized per batch, hot swaps included. */
    private MicroBatchConfig batching() {
        return new MicroBatchConfig(scoring.maxBatch(), scoring.maxBatchWait(), scoring.queueCapacity(),
                models.predictors());
    }

    private ServingModel serve(ModelLoader loader, ModelsConfig.Slot slot, List<AutoCloseable> resources)
            throws ModelException {
        ServingModel model = ServingModel.firstLoadable(loader, registry.candidates(slot.name(), slot.version()));
        resources.add(model);
        return model;
    }

    @PreDestroy
    void close() {
        CompletableFuture<Loaded> current = loading.getAndSet(null);
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            closeAll(current.join().resources());
        }
    }

    /** Scorers before the models they use: the reverse of creation. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warnf("closing %s: %s", resources.get(i), e.getMessage());
            }
        }
    }
}
