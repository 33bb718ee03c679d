package dev.dpiqa.model.djl;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.QualityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A DJL model with a fixed pool of predictors: a {@link Predictor} is not thread-safe, so each call borrows one
 * and waits when all are busy.
 */
public final class LoadedModel implements QualityModel {

    private final ModelManifest manifest;
    private final ZooModel<float[], ModelOutput> model;
    private final List<Predictor<float[], ModelOutput>> predictors = new ArrayList<>();
    private final BlockingQueue<Predictor<float[], ModelOutput>> idle;

    LoadedModel(ModelManifest manifest, ZooModel<float[], ModelOutput> model, int poolSize) {
        this.manifest = manifest;
        this.model = model;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Predictor<float[], ModelOutput> predictor = model.newPredictor();
            predictors.add(predictor);
            idle.add(predictor);
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<ModelOutput> predict(List<float[]> inputs) {
        Predictor<float[], ModelOutput> predictor = borrow();
        try {
            return predictor.batchPredict(inputs);
        } catch (TranslateException | RuntimeException e) {
            throw new ModelInferenceException(manifest.id() + " failed on a batch of " + inputs.size(), e);
        } finally {
            idle.add(predictor);
        }
    }

    /** Callers must have finished: {@code ServingModel} only closes a version after its last call returns. */
    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }

    private Predictor<float[], ModelOutput> borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelInferenceException("interrupted waiting for a predictor of " + manifest.id(), e);
        }
    }
}
