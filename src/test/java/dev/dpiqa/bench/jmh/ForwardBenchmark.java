package dev.dpiqa.bench.jmh;

import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import dev.dpiqa.model.djl.DeviceChoice;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import dev.dpiqa.model.djl.DjlModelLoader;
import dev.dpiqa.model.onnx.OnnxModelLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One forward pass of a model-cache model over a batch of ready-made input tensors, on DJL PyTorch and on ONNX
 * Runtime, swept over batch size and intra-op threads. Thread counts are process-wide in libtorch, so each
 * combination runs in its own fork (JMH's default). Run by {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForwardBenchmark {

    @Param("model-cache")
    public String cache;
    @Param("dpiqa_student_mobilenetv2")
    public String model;
    @Param({"1", "8"})
    public int batch;
    @Param({"1", "2"})
    public int threads;
    /** {@code pytorch} (DJL) or {@code onnxruntime}, for a version with a model.onnx */
    @Param({"pytorch", "onnxruntime"})
    public String engine;

    private QualityModel loaded;
    private List<float[]> inputs;

    @Setup
    public void load() throws ModelException {
        CachedModel cached = new ModelRegistry(Path.of(cache)).latest(model);
        ModelLoader loader = ModelEngine.parse(engine).orElseThrow() == ModelEngine.ONNXRUNTIME
                ? new OnnxModelLoader(threads, 1) : new DjlModelLoader(new DjlLoaderConfig(DeviceChoice.CPU, threads, 1, 1));
        loaded = loader.load(cached);
        Random random = new Random(batch);
        inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] chw = new float[cached.manifest().inputLength()];
            for (int j = 0; j < chw.length; j++) {
                chw[j] = random.nextFloat();
            }
            inputs.add(chw);
        }
    }

    @Benchmark
    public List<ModelOutput> forward() {
        return loaded.predict(inputs);
    }

    @TearDown
    public void close() {
        loaded.close();
    }
}
