package dev.dpiqa.bench;

import dev.dpiqa.model.ServingModel;
import java.util.List;

/** The model alone: ready-made CHW inputs straight into forward passes, the ceiling for the serving path. */
final class ModelOnlyRun implements BatchRun {

    private final ServingModel model;
    private final List<float[]> inputs;

    ModelOnlyRun(ServingModel model, List<float[]> inputs) {
        this.model = model;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public int batchSize() {
        return inputs.size();
    }

    @Override
    public void run(int batches) {
        for (int i = 0; i < batches; i++) {
            model.predict(inputs);
        }
    }
}
