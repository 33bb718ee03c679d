package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ComposingLoader;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.StudentSwap;
import dev.dpiqa.model.djl.DjlModelLoader;
import dev.dpiqa.model.djl.ModelLoaders;
import dev.dpiqa.redistill.djl.DjlStudentTrainer;
import dev.dpiqa.serving.ModelsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs re-distillation for the configured student and puts the outcome into service: a promoted version is
 * swapped in here at once and announced on {@code model-updates} for every other instance; a rollback retires the
 * newest version the same way. One run at a time per process (the CronJob forbids concurrent runs across pods).
 */
@ApplicationScoped
public class DistillJob {

    private final StudentSwap serving;
    private final ModelRegistry registry;
    private final ModelLoaders loaders;
    private final ModelsConfig models;
    private final DistillConfig config;
    private final ImageIntake intake;
    private final SafeImageFetcher fetcher;
    private final ObjectMapper json;
    private final ModelAnnouncer announcer;
    private final ReentrantLock running = new ReentrantLock();

    public DistillJob(StudentSwap serving, ModelRegistry registry, ModelLoaders loaders, ModelsConfig models,
                      DistillConfig config, ImageIntake intake, SafeImageFetcher fetcher, ObjectMapper json,
                      ModelAnnouncer announcer) {
        this.serving = serving;
        this.registry = registry;
        this.loaders = loaders;
        this.models = models;
        this.config = config;
        this.intake = intake;
        this.fetcher = fetcher;
        this.json = json;
        this.announcer = announcer;
    }

    /**
     * Runs on what the label store holds: its labels, and the most recent unlabelled uploads that
     * {@code dpiqa.distill.unlabelled} allows. A store that cannot be read gives a failed report.
     */
    public DistillReport runFromStore(LabelStore store, boolean fileUris, Consumer<String> progress) {
        DistillInputs inputs;
        try {
            inputs = store.read(config.unlabelled().max(), config.unlabelled().window());
        } catch (RuntimeException e) {
            return DistillReport.failed("cannot read the labels: " + e, 0);
        }
        return run(inputs, fileUris, progress);
    }

    /**
     * @param fileUris whether the labels may name {@code file:} images (a shared volume, a local CSV)
     * @param progress one line per step, for stderr or the log; the first says what the inputs are
     */
    public DistillReport run(DistillInputs inputs, boolean fileUris, Consumer<String> progress) {
        if (!running.tryLock()) {
            return DistillReport.failed("another re-distillation is running in this process", 0);
        }
        try {
            DistillReport report = runLocked(inputs, fileUris, progress);
            reports().save(models.student().name(), report);
            return report;
        } finally {
            running.unlock();
        }
    }

    /** What the latest run for the configured student did, wherever it ran against this model cache. */
    public Optional<JsonNode> latestReport() {
        return reports().latest(models.student().name());
    }

    private DistillReports reports() {
        return new DistillReports(registry.root(), json);
    }

    private DistillReport runLocked(DistillInputs inputs, boolean fileUris, Consumer<String> progress) {
        try {
            progress.accept(inputs.description());
            DjlModelLoader loader = loaders.pytorch();
            Redistillation.Models slots = new Redistillation.Models(
                    registry.resolve(models.student().name(), models.student().version()),
                    models.teacher().isEmpty() ? Optional.empty()
                            : Optional.of(registry.resolve(models.teacher().get().name(), models.teacher().get().version())));
            DistillReport report = new Redistillation(registry, new ComposingLoader(loader),
                    new DjlStudentTrainer(loader.device()),
                    new ModelCacheWriter(registry.root(), json), fetcher.withFileUris(fileUris), intake, config)
                    .run(slots, inputs, progress);
            if (report.promoted()) {
                try {
                    serve(registry.version(models.student().name(), report.candidate()), slots.student().manifest(),
                            ModelAnnouncer.PROMOTED);
                } catch (ModelException | RuntimeException e) {
                    // The version is in the cache: instances pick it up on their next start or update.
                    return report.withReason("promoted, but not put into service: " + e);
                }
            }
            return report;
        } catch (ModelException | RuntimeException e) {
            return DistillReport.failed(e.toString(), 0);
        }
    }

    /**
     * Retires the newest version of the student and serves the one before it again. Refused while a run is under
     * way in this process, rather than waiting for it: a run can take an hour, and it may promote the very version
     * the caller meant to retire.
     */
    public RollbackReport rollback() throws ModelException, IOException {
        if (!running.tryLock()) {
            throw new IllegalStateException("a re-distillation is running in this process; roll back after it");
        }
        try {
            List<CachedModel> versions = registry.versions(models.student().name());
            if (versions.size() < 2) {
                throw new IllegalStateException("nothing to roll back to: " + models.student().name() + " has "
                        + versions.size() + " version(s) in " + registry.root());
            }
            CachedModel newest = versions.get(versions.size() - 1);
            String retiredTo = new ModelCacheWriter(registry.root(), json).retire(newest).toString();
            CachedModel previous = registry.latest(models.student().name());
            boolean announced = serve(previous, newest.manifest(), ModelAnnouncer.ROLLED_BACK);
            return new RollbackReport(ModelAnnouncer.ROLLED_BACK, newest.id().toString(), retiredTo,
                    previous.id().toString(), announced);
        } finally {
            running.unlock();
        }
    }

    /** Swaps this process's engine and tells the others; false when there is no broker to tell them through. */
    private boolean serve(CachedModel next, ModelManifest replaced, String action) throws ModelException {
        serving.swapStudent(next);
        return announcer.announce(action, next.manifest(), replaced);
    }
}
