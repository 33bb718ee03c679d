package dev.dpiqa.scoring;

import java.time.Duration;

/**
 * How {@link MicroBatcher} gathers requests.
 *
 * @param maxBatch      most requests in one forward pass
 * @param maxWait       longest a request waits for others to join its batch, counted from its arrival
 * @param queueCapacity requests waiting beyond this are rejected at once (back-pressure instead of memory growth)
 * @param workers       batches that may run at the same time; match the model's predictor pool
 */
public record MicroBatchConfig(int maxBatch, Duration maxWait, int queueCapacity, int workers) {

    public MicroBatchConfig {
        if (maxBatch < 1 || maxWait.isNegative() || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("invalid micro-batch config: " + maxBatch + ", " + maxWait + ", "
                    + queueCapacity + ", " + workers);
        }
    }

    /**
     * Batches of up to 8 after at most 5 ms: on CPU a batch of 8 small images costs far less than 8 calls, and
     * 5 ms is small next to a student forward pass at serving resolution.
     */
    public static MicroBatchConfig defaults() {
        return new MicroBatchConfig(8, Duration.ofMillis(5), 1024, 2);
    }
}
