package dev.dpiqa.bench;

/** Scores one batch of images in one particular way; {@link ServingBench} times repeated calls. */
interface BatchRun {

    /** How many images one {@link #run()} scores. */
    int batchSize();

    void run() throws Exception;
}
