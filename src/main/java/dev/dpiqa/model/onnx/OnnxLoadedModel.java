package dev.dpiqa.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.QualityModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * An ONNX Runtime session serving one version: {@code [B,C,H,W]} in, {@code (score [B], qmap [B,...])} out, B
 * free. A session may run concurrently; at most {@code predictors} forward passes do, as with DJL.
 */
final class OnnxLoadedModel implements QualityModel {

    private final ModelManifest manifest;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final Semaphore running;

    OnnxLoadedModel(ModelManifest manifest, OrtEnvironment environment, OrtSession session, int predictors) {
        this.manifest = manifest;
        this.environment = environment;
        this.session = session;
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 2) {
            throw new IllegalStateException(manifest.id() + ": the ONNX graph must take one input and return (score,"
                    + " qmap), it takes " + session.getNumInputs() + " and returns " + session.getNumOutputs());
        }
        this.inputName = session.getInputNames().iterator().next();
        this.running = new Semaphore(predictors);
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public ModelEngine engine() {
        return ModelEngine.ONNXRUNTIME;
    }

    @Override
    public List<ModelOutput> predict(List<float[]> inputs) {
        ModelManifest.InputSpec spec = manifest.input();
        int length = manifest.inputLength();
        for (float[] chw : inputs) {
            if (chw.length != length) {
                throw new ModelInferenceException(manifest.id() + " failed on a batch of " + inputs.size(),
                        new IllegalArgumentException("input has " + chw.length + " floats, the model takes CHW ("
                                + spec.channels() + ", " + spec.height() + ", " + spec.width() + ") = " + length));
            }
        }
        FloatBuffer batch = FloatBuffer.allocate(inputs.size() * length);
        inputs.forEach(batch::put);
        batch.flip();
        long[] shape = {inputs.size(), spec.channels(), spec.height(), spec.width()};
        acquire();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, batch, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return outputs(result, inputs.size());
        } catch (OrtException | RuntimeException e) {
            throw new ModelInferenceException(manifest.id() + " failed on a batch of " + inputs.size(), e);
        } finally {
            running.release();
        }
    }

    private List<ModelOutput> outputs(OrtSession.Result result, int batch) {
        float[] scores = floats(result.get(0));
        float[] qmaps = floats(result.get(1));
        int qmapLength = manifest.qmapLength();
        if (scores.length != batch || qmaps.length != batch * qmapLength) {
            throw new IllegalStateException("per image the model must return 1 score and " + qmapLength
                    + " qmap values, returned " + scores.length + " and " + qmaps.length + " for " + batch);
        }
        List<ModelOutput> outputs = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            float[] qmap = new float[qmapLength];
            System.arraycopy(qmaps, i * qmapLength, qmap, 0, qmapLength);
            outputs.add(new ModelOutput(scores[i], qmap));
        }
        return outputs;
    }

    private static float[] floats(OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("model outputs must be tensors, got " + value.getType());
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer == null) {
            throw new IllegalStateException("model outputs must be float32, got " + tensor.getInfo());
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private void acquire() {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelInferenceException("interrupted waiting to run " + manifest.id(), e);
        }
    }

    /** Callers must have finished: {@code ServingModel} only closes a version after its last call returns. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session of " + manifest.id(), e);
        }
    }
}
