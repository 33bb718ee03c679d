package dev.dpiqa.scoring;

import dev.dpiqa.model.ModelEngine;
import java.time.Duration;

/**
 * How {@link MicroBatcher} gathers requests.
 *
 * @param maxBatch      most requests in one forward pass; {@link #BY_ENGINE} leaves it to the engine serving each batch
 * @param maxWait       longest a request waits for others to join its batch, counted from its arrival
 * @param queueCapacity requests waiting beyond this are rejected at once (back-pressure instead of memory growth)
 * @param workers       batches that may run at the same time; match the model's predictor pool
 */
public record MicroBatchConfig(int maxBatch, Duration maxWait, int queueCapacity, int workers) {

    /** {@code maxBatch}: {@link #maxBatchFor} the engine of the version serving when a batch is gathered. */
    public static final int BY_ENGINE = 0;

    public MicroBatchConfig {
        if (maxBatch < BY_ENGINE || maxWait.isNegative() || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("invalid micro-batch config: " + maxBatch + ", " + maxWait + ", "
                    + queueCapacity + ", " + workers);
        }
    }

    /**
     * The largest batch worth gathering for a model on this engine. ONNX Runtime serves on CPUs, one single-threaded
     * forward pass per predictor: there one image per pass keeps every core busy and costs less per image than a
     * batch of 8 (bench/RESULTS.md: 1.17x model-only; through the broker 11-15 against 10 events/s on 2 cores).
     * Batching pays on a GPU, and on libtorch's CPU kernels (1.27x for a batch of 8).
     */
    public static int maxBatchFor(ModelEngine engine) {
        return engine == ModelEngine.ONNXRUNTIME ? 1 : 8;
    }
}
