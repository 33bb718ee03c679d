package dev.dpiqa.redistill;

import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ModelLoadException;

import java.nio.file.Path;

/** Fine-tunes a student from the model cache and writes the result as a TorchScript file; engine hidden. */
public interface StudentTrainer {

    /** Mean loss of one epoch, for progress logs and the report. */
    @FunctionalInterface
    interface EpochListener {
        void epochDone(int epoch, int epochs, double meanLoss, double seconds);
    }

    /**
     * @param samples  training samples at {@code student}'s input size
     * @param output   where the trained TorchScript module is written (loadable by {@code torch.jit.load})
     * @return the mean loss of each epoch
     */
    double[] train(CachedModel student, SampleStore samples, TrainingSettings settings, Path output,
                   EpochListener listener) throws ModelLoadException;
}
