package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRole;
import dev.dpiqa.model.Prediction;
import dev.dpiqa.model.ServingModel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * Scores images on one serving model through a {@link MicroBatcher}, turning model outputs into MOS, verdicts
 * and quality maps. The serving model may hot-swap underneath; each score names the version that produced it.
 */
public abstract sealed class ModelScorer implements QualityScorer, AutoCloseable permits StudentScorer, TeacherScorer {

    private final ServingModel model;
    private final VerdictPolicy policy;
    private final Stage stage;
    private final MicroBatcher<float[], Prediction> batcher;

    ModelScorer(ServingModel model, VerdictPolicy policy, MicroBatchConfig batching, ModelRole role, Stage stage) {
        if (model.current().role() != role) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a " + role + " model, got "
                    + model.current().id() + " (" + model.current().role() + ")");
        }
        this.model = model;
        this.policy = policy;
        this.stage = stage;
        this.batcher = new MicroBatcher<>(role.name().toLowerCase(Locale.ROOT), batching, batchLimit(batching, model),
                model::predict);
    }

    /** The configured limit, or the one for the engine now serving: a hot swap may bring another engine. */
    private static IntSupplier batchLimit(MicroBatchConfig batching, ServingModel model) {
        return batching.maxBatch() == MicroBatchConfig.BY_ENGINE
                ? () -> MicroBatchConfig.maxBatchFor(model.engine()) : batching::maxBatch;
    }

    /** The serving version's, read per call: a hot-swap may change it. */
    @Override
    public ModelViews input() {
        return model.current().modelViews();
    }

    @Override
    public CompletableFuture<QualityScore> score(ImageTensor image, boolean withQualityMap) {
        long start = System.nanoTime();
        // The size is read per call: a hot-swap may bring a version that takes another input size.
        ModelManifest serving = model.current();
        float[] chw;
        try { // an image that cannot be prepared (say a corrupt frame) fails only its own request
            chw = image.chw(serving.modelViews());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (chw.length != serving.inputLength()) {
            // Checked here so that one malformed image cannot fail the batch it would have joined.
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "image has " + chw.length + " floats, the model takes " + serving.inputLength() + " (CHW)"));
        }
        return batcher.submit(chw).thenApply(prediction -> toScore(prediction, withQualityMap, start));
    }

    /** Stops batching; the serving model belongs to the caller and stays open. */
    @Override
    public void close() {
        batcher.close();
    }

    private QualityScore toScore(Prediction prediction, boolean withQualityMap, long startNanos) {
        ModelManifest manifest = prediction.model();
        float score01 = prediction.output().score01();
        if (!(score01 >= 0f && score01 <= 1f)) {
            throw new ModelInferenceException(manifest.id() + " returned score " + score01 + " outside [0,1]");
        }
        double mos = score01 * manifest.mosScale();
        Optional<QualityMap> map = withQualityMap ? Optional.of(toMap(prediction)) : Optional.empty();
        return new QualityScore(mos, policy.verdictFor(mos), stage, manifest.id(), map,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static QualityMap toMap(Prediction prediction) {
        List<Integer> shape = prediction.model().outputs().qmap().shape();
        return new QualityMap(shape.get(0), shape.get(1), shape.get(2), prediction.output().qmap());
    }
}
