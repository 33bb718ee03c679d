package dev.dpiqa.redistill.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.redistill.SampleStore;
import dev.dpiqa.redistill.StudentTrainer;
import dev.dpiqa.redistill.TrainingSample;
import dev.dpiqa.redistill.TrainingSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fine-tunes a TorchScript student through DJL's PyTorch engine: the module is loaded with its parameters
 * trainable, put in training mode (batch norm updates its statistics, dropout drops), trained with Adam on
 * {@link DistillationLoss}, switched back to inference mode and written with libtorch's own serialiser, so Python's
 * {@code torch.jit.load} and our {@code DjlModelLoader} read the same file.
 */
public final class DjlStudentTrainer implements StudentTrainer {

    private final Device device;

    /** @param device where training runs; the serving loader's choice (GPU when present) */
    public DjlStudentTrainer(Device device) {
        this.device = device;
    }

    @Override
    public double[] train(CachedModel student, SampleStore samples, TrainingSettings settings, Path output,
                          EpochListener listener) throws ModelLoadException {
        if (samples.size() == 0) {
            throw new IllegalArgumentException("no training samples");
        }
        Checksums.verify(student.modelFile(), student.manifest().sha256());
        try (ZooModel<NDList, NDList> model = load(student);
             Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new DistillationLoss(settings.mapWeight()))
                     .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                             .build())
                     .optDevices(new Device[] {device}))) {
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            // Without this a loaded TorchScript module stays in eval mode: batch-norm statistics silently frozen.
            JniUtils.enableTrainingMode(block);
            // libtorch draws the dropout masks: seed it too, or the same seed trains a different model each run.
            model.getNDManager().getEngine().setRandomSeed((int) settings.seed());
            double[] losses = new double[settings.epochs()];
            Random shuffle = new Random(settings.seed());
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                long start = System.nanoTime();
                losses[epoch] = epoch(trainer, samples, student.manifest(), settings.batchSize(), shuffle);
                listener.epochDone(epoch + 1, settings.epochs(), losses[epoch], (System.nanoTime() - start) / 1e9);
            }
            JniUtils.enableInferenceMode(block);
            write(block, output);
            return losses;
        } catch (ai.djl.repository.zoo.ModelNotFoundException | MalformedModelException | IOException e) {
            throw new ModelLoadException("cannot train " + student.id() + " from " + student.modelFile(), e);
        }
    }

    private ZooModel<NDList, NDList> load(CachedModel student)
            throws ai.djl.repository.zoo.ModelNotFoundException, MalformedModelException, IOException {
        return Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(student.directory())
                .optModelName(student.manifest().file())
                .optEngine("PyTorch")
                .optDevice(device)
                .optOption("trainParam", "true")
                .optOption("mapLocation", "true")
                .build()
                .loadModel();
    }

    /** One pass in a fresh order; returns the mean batch loss. */
    private static double epoch(Trainer trainer, SampleStore samples, ModelManifest manifest, int batchSize,
                                Random shuffle) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, samples.size()).boxed().toList());
        Collections.shuffle(order, shuffle);
        double total = 0;
        int batches = 0;
        for (int from = 0; from < order.size(); from += batchSize) {
            List<TrainingSample> batch = samples.get(order.subList(from, Math.min(order.size(), from + batchSize)));
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDList inputs = new NDList(stack(manager, batch, TrainingSample::input, inputShape(manifest)));
                NDList labels = labels(manager, batch, manifest);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(inputs, labels);
                    NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                    collector.backward(loss);
                    total += loss.getFloat();
                }
                trainer.step();
            }
            batches++;
        }
        return total / batches;
    }

    private static NDList labels(NDManager manager, List<TrainingSample> batch, ModelManifest manifest) {
        float[] targets = new float[batch.size()];
        float[] mask = new float[batch.size()];
        float[] empty = new float[manifest.qmapLength()];
        for (int i = 0; i < batch.size(); i++) {
            targets[i] = batch.get(i).scoreTarget();
            mask[i] = batch.get(i).teacherMap() == null ? 0f : 1f;
        }
        NDArray maps = stack(manager, batch, s -> s.teacherMap() == null ? empty : s.teacherMap(), qmapShape(manifest));
        return new NDList(manager.create(targets), maps, manager.create(mask));
    }

    private static NDArray stack(NDManager manager, List<TrainingSample> batch,
                                 java.util.function.Function<TrainingSample, float[]> field, Shape item) {
        int length = Math.toIntExact(item.size());
        float[] flat = new float[batch.size() * length];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(field.apply(batch.get(i)), 0, flat, i * length, length);
        }
        return manager.create(flat, new Shape(batch.size()).addAll(item));
    }

    private static Shape inputShape(ModelManifest manifest) {
        ModelManifest.InputSpec input = manifest.input();
        return new Shape(input.channels(), input.height(), input.width());
    }

    private static Shape qmapShape(ModelManifest manifest) {
        return new Shape(manifest.outputs().qmap().shape().stream().mapToLong(Integer::longValue).toArray());
    }

    private static void write(PtSymbolBlock block, Path output) throws IOException {
        try (OutputStream out = Files.newOutputStream(output)) {
            JniUtils.writeModule(block, out, false); // model.save would write DJL's format, which torch cannot read
        }
    }
}
