package dev.dpiqa.bench;

import dev.dpiqa.model.ServingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The model alone: ready-made CHW inputs straight into forward passes, the ceiling for the serving path. With more
 * than one stream, that many callers run forward passes at once, as the service's predictors do.
 */
final class ModelOnlyRun implements BatchRun {

    private final ServingModel model;
    private final List<float[]> inputs;
    private final ExecutorService callers;
    private final int streams;

    /** @param callers runs the streams; at least {@code streams} threads */
    ModelOnlyRun(ServingModel model, List<float[]> inputs, ExecutorService callers, int streams) {
        this.model = model;
        this.inputs = List.copyOf(inputs);
        this.callers = callers;
        this.streams = streams;
    }

    @Override
    public int batchSize() {
        return inputs.size();
    }

    @Override
    public void run(int batches) throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int stream = 0; stream < streams; stream++) {
            int share = batches / streams + (stream < batches % streams ? 1 : 0);
            work.add(() -> {
                for (int i = 0; i < share; i++) {
                    model.predict(inputs);
                }
                return null;
            });
        }
        for (Future<Void> done : callers.invokeAll(work)) {
            done.get();
        }
    }
}
