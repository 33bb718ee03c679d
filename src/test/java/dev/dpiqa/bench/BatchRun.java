package dev.dpiqa.bench;

/** Scores images in one particular way, in batches; {@link ServingBench} times it. */
interface BatchRun {

    /** The most images one forward pass takes. */
    int batchSize();

    /** Scores {@code batches * batchSize()} images and returns once every one has its score. */
    void run(int batches) throws Exception;
}
