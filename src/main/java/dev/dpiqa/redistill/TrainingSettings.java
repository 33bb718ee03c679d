package dev.dpiqa.redistill;

/**
 * How one fine-tuning run goes.
 *
 * @param epochs       passes over the training samples
 * @param batchSize    samples per optimiser step; with the input size it bounds the memory a step needs
 * @param learningRate Adam's step size
 * @param mapWeight    λ of the quality-map term (MSE to the teacher's map) beside the score term
 * @param seed         shuffling order, so a run can be repeated
 */
public record TrainingSettings(int epochs, int batchSize, float learningRate, float mapWeight, long seed) {

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || mapWeight < 0) {
            throw new IllegalArgumentException("need epochs >= 1, batch size >= 1, a positive learning rate and"
                    + " a map weight >= 0: " + epochs + ", " + batchSize + ", " + learningRate + ", " + mapWeight);
        }
    }
}
