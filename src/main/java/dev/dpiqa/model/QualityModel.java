package dev.dpiqa.model;

import java.util.List;

/** A loaded model, engine hidden. Implementations are thread-safe; {@link #close()} frees native memory. */
public interface QualityModel extends AutoCloseable {

    ModelManifest manifest();

    /** The engine running it. */
    default ModelEngine engine() {
        return ModelEngine.PYTORCH;
    }

    /**
     * Scores a batch in one forward pass.
     *
     * @param inputs each a float[] CHW RGB in [0,1] of the manifest's input size
     * @return one output per input, in order
     * @throws ModelInferenceException if the forward pass fails
     */
    List<ModelOutput> predict(List<float[]> inputs);

    @Override
    void close();
}
