package dev.dpiqa.redistill;

/** Where a scheduled or run-once re-distillation finds its labels and recent uploads (the Kafka topics). */
public interface LabelStore {

    /**
     * @param maxUnlabelled most recent unlabelled uploads to return; 0 for none
     * @throws IllegalStateException when the store cannot be read (no broker configured, topic missing)
     */
    DistillInputs read(int maxUnlabelled, java.time.Duration window);
}
