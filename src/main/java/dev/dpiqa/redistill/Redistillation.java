package dev.dpiqa.redistill;

import dev.dpiqa.BuildInfo;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.ModelVersion;
import dev.dpiqa.model.QualityModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One re-distillation run (ARCHITECTURE.md §5): split the labels into training and held-out, prepare the images
 * (teacher soft targets for the training ones and the unlabelled sample), fine-tune the serving student, measure
 * parent and candidate on the held-out labels, and promote the candidate to a new model-cache version only if the
 * gate lets it. A rejected candidate is deleted; the report says why. Announcing and hot-swapping are the caller's.
 */
public final class Redistillation {

    /** The models a run works with: the student to fine-tune, and the teacher when one is configured. */
    public record Models(CachedModel student, Optional<CachedModel> teacher) {
    }

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final StudentTrainer trainer;
    private final ModelCacheWriter writer;
    private final SafeImageFetcher fetcher;
    private final ImageIntake intake;
    private final DistillConfig config;
    private final Path workDir;

    public Redistillation(ModelRegistry registry, ModelLoader loader, StudentTrainer trainer, ModelCacheWriter writer,
                          SafeImageFetcher fetcher, ImageIntake intake, DistillConfig config) {
        this.registry = registry;
        this.loader = loader;
        this.trainer = trainer;
        this.writer = writer;
        this.fetcher = fetcher;
        this.intake = intake;
        this.config = config;
        this.workDir = config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public DistillReport run(Models models, DistillInputs inputs, Consumer<String> progress) {
        long start = System.nanoTime();
        try {
            return distill(models, inputs, progress, start);
        } catch (ModelException | IOException | RuntimeException e) {
            return DistillReport.failed(e.toString(), seconds(start));
        }
    }

    private DistillReport distill(Models models, DistillInputs inputs, Consumer<String> progress, long start)
            throws ModelException, IOException {
        CachedModel parent = models.student();
        ModelManifest manifest = parent.manifest();
        if (manifest.compose() != null) {
            // Fine-tuning changes the version's own file only; the versions it is served with would stay as they are.
            throw new ModelException(parent.id() + " is composed with other versions (manifest \"compose\"), so it "
                    + "cannot be fine-tuned as one model: configure a student version that is served alone");
        }
        HeldSplit split = new HeldSplit(config.heldFraction());
        List<LabelledImage> labels = newest(inputs.labels(), config.maxLabelled());
        List<SamplePreparer.Pending> training = new ArrayList<>();
        List<SamplePreparer.Pending> held = new ArrayList<>();
        for (LabelledImage label : labels) {
            SamplePreparer.Pending pending = new SamplePreparer.Pending(label.assetId(), label.imageUri(),
                    (float) (label.mos() / manifest.mosScale()));
            (split.isHeld(label.assetId()) ? held : training).add(pending);
        }
        List<SamplePreparer.Pending> unlabelled = models.teacher().isEmpty() ? List.of()
                : inputs.unlabelled().stream().limit(config.unlabelled().max())
                .map(u -> new SamplePreparer.Pending(u.assetId(), u.imageUri(), Float.NaN)).toList();

        Optional<QualityModel> teacher = Optional.empty();
        Path staging = null;
        try (SampleStore trainingSet = new SampleStore(workDir, manifest.inputLength(), manifest.qmapLength());
             SampleStore heldSet = new SampleStore(workDir, manifest.inputLength(), manifest.qmapLength())) {
            // First, so a model cache that cannot take a new version fails the job before an hour of training.
            staging = writer.stagingFolder(manifest.name());
            if (models.teacher().isPresent()) {
                teacher = Optional.of(loader.load(models.teacher().get()));
            }
            SamplePreparer preparer = new SamplePreparer(fetcher, intake, manifest, teacher, config.batchSize());
            progress.accept(String.format(Locale.ROOT, "preparing %d labelled (%d held out) and %d unlabelled images",
                    labels.size(), held.size(), unlabelled.size()));
            List<SamplePreparer.Skipped> skipped = new ArrayList<>(preparer.prepare(held, heldSet, false));
            skipped.addAll(preparer.prepare(training, trainingSet, true));
            int trainingLabelled = trainingSet.size();
            skipped.addAll(preparer.prepare(unlabelled, trainingSet, true));
            DistillReport.Data data = new DistillReport.Data(inputs.description(), labels.size(), trainingLabelled,
                    trainingSet.size() - trainingLabelled, heldSet.size());
            if (heldSet.size() < config.minHeld() || trainingSet.size() == 0) {
                return new DistillReport(DistillReport.FAILED, List.of("not enough usable labels: " + heldSet.size()
                        + " held out (need " + config.minHeld() + "), " + trainingSet.size() + " to train on"),
                        parent.id().toString(), null, data, skipped, null, null, null, null, null, seconds(start));
            }
            teacher.ifPresent(QualityModel::close);
            teacher = Optional.empty(); // training needs the memory more

            String version = nextVersion(parent.manifest().name());
            TrainingSettings settings = new TrainingSettings(config.epochs(), config.batchSize(),
                    config.learningRate(), models.teacher().isPresent() ? config.mapWeight() : 0f, config.seed());
            double[] losses = trainer.train(parent, trainingSet, settings, staging.resolve(manifest.file()),
                    (epoch, epochs, loss, seconds) -> progress.accept(String.format(Locale.ROOT,
                            "epoch %d/%d: loss %.5f, %.1f s (%.2f s per 100 images)", epoch, epochs, loss, seconds,
                            seconds * 100 / trainingSet.size())));

            CachedModel candidate = writer.describe(staging, parent, version, Map.of(), Map.of());
            HeldSetEvaluator evaluator = new HeldSetEvaluator(config.batchSize());
            HeldMetrics parentMetrics = evaluate(evaluator, parent, heldSet);
            HeldMetrics candidateMetrics = evaluate(evaluator, candidate, heldSet);
            PromotionGate.Decision gate = new PromotionGate(config.maxSrccDrop(), config.maxPlccDrop())
                    .decide(parentMetrics, candidateMetrics);
            progress.accept(String.format(Locale.ROOT, "held-out SRCC: %s %.4f, candidate %s %.4f -> %s",
                    parent.id(), parentMetrics.srcc(), version, candidateMetrics.srcc(),
                    gate.promote() ? "promote" : "reject"));
            if (!gate.promote()) {
                return new DistillReport(DistillReport.REJECTED, gate.reasons(), parent.id().toString(), version, data,
                        skipped, losses, parentMetrics, candidateMetrics, gate, null, seconds(start));
            }
            candidate = writer.describe(staging, parent, version,
                    Map.of("held_out", candidateMetrics, "parent_held_out", parentMetrics),
                    lineage(parent, data, settings, models));
            CachedModel promoted = writer.promote(candidate, parent, note(parent, data, settings, parentMetrics,
                    candidateMetrics));
            staging = null;
            return new DistillReport(DistillReport.PROMOTED, List.of(), parent.id().toString(), version, data, skipped,
                    losses, parentMetrics, candidateMetrics, gate, promoted.directory().toString(), seconds(start));
        } finally {
            teacher.ifPresent(QualityModel::close);
            if (staging != null) {
                writer.discard(staging);
            }
        }
    }

    private HeldMetrics evaluate(HeldSetEvaluator evaluator, CachedModel model, SampleStore held)
            throws ModelException {
        try (QualityModel loaded = loader.load(model)) {
            return evaluator.evaluate(loaded, held);
        }
    }

    /** The next patch release after the newest version in the cache, whichever version is serving. */
    private String nextVersion(String name) throws ModelException {
        ModelVersion newest = registry.latest(name).manifest().semanticVersion();
        return new ModelVersion(newest.major(), newest.minor(), newest.patch() + 1, "").toString();
    }

    private Map<String, Object> lineage(CachedModel parent, DistillReport.Data data, TrainingSettings settings,
                                        Models models) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("code", BuildInfo.current().describe()); // which code trained it, as training/export/model_cache.py records
        lineage.put("parent", parent.id().toString());
        lineage.put("data", data);
        lineage.put("teacher", models.teacher().map(t -> t.id().toString()).orElse(null));
        lineage.put("seed", settings.seed());
        lineage.put("recipe", Map.of("job", "dpiqa distill (Java, DJL)", "epochs", settings.epochs(),
                "batch_size", settings.batchSize(), "learning_rate", settings.learningRate(),
                "map_weight", settings.mapWeight(), "held_fraction", config.heldFraction()));
        lineage.put("created_at", Instant.now().toString());
        return lineage;
    }

    private static String note(CachedModel parent, DistillReport.Data data, TrainingSettings settings,
                               HeldMetrics before, HeldMetrics after) {
        return String.format(Locale.ROOT, "Fine-tuned from %s by `dpiqa distill` on %d labelled and %d unlabelled"
                        + " images (%s), %d epochs, seed %d. Held-out (%d images): SRCC %.4f -> %.4f, PLCC %.4f -> %.4f."
                        + " Everything above describes the parent; the lineage in manifest.json describes this run.",
                parent.id(), data.trainingLabelled(), data.unlabelled(), data.source(), settings.epochs(),
                settings.seed(), after.count(), before.srcc(), after.srcc(), before.plcc(), after.plcc());
    }

    private static List<LabelledImage> newest(List<LabelledImage> labels, int max) {
        return labels.size() <= max ? labels : labels.subList(labels.size() - max, labels.size());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
