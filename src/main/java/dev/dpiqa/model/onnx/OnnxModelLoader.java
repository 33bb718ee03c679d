package dev.dpiqa.model.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ChecksumMismatchException;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.QualityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a version's {@code model.onnx} with ONNX Runtime on the CPU (issue 27: 1.2–1.3× Python torch where DJL's
 * libtorch reaches 0.6–0.7×). The file is read once, its sha256 checked on those bytes, and the session built from
 * the same bytes, so what was verified is what runs.
 */
public final class OnnxModelLoader implements ModelLoader {

    private final int intraOpThreads;
    private final int predictors;

    /**
     * @param intraOpThreads threads inside one forward pass; 0 splits the machine's cores between the predictors
     * @param predictors     forward passes that may run at once per model
     */
    public OnnxModelLoader(int intraOpThreads, int predictors) {
        if (intraOpThreads < 0 || predictors < 1) {
            throw new IllegalArgumentException("need threads >= 0 and predictors >= 1: " + intraOpThreads + ", "
                    + predictors);
        }
        this.intraOpThreads = intraOpThreads;
        this.predictors = predictors;
    }

    @Override
    public QualityModel load(CachedModel cached) throws ModelLoadException {
        ModelManifest.ModelFile entry = cached.fileFor(ModelEngine.ONNXRUNTIME).orElseThrow(() ->
                new ModelLoadException(cached.id() + " has no ONNX file in its manifest"));
        Path file = cached.resolve(entry);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file, e);
        }
        String actual = Checksums.sha256(bytes);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new ChecksumMismatchException(file, entry.sha256(), actual);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setInterOpNumThreads(1);
            // Idle intra-op threads sleep instead of spin-waiting: with two predictors, the decode pool and the
            // Kafka clients on the same cores, spinning threads take the CPU the others need (bench/RESULTS.md:
            // 1.6x at batch 1 on 2 cores).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setIntraOpNumThreads(threadsPerForwardPass());
            OrtSession session = environment.createSession(bytes, options);
            try {
                return new OnnxLoadedModel(cached.manifest(), environment, session, predictors);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException | RuntimeException e) {
            throw new ModelLoadException("ONNX Runtime could not load " + cached.id() + " from " + file, e);
        }
    }

    /**
     * Concurrent forward passes share one session's intra-op pool, so ONNX Runtime's default (a thread per core
     * for each pass) oversubscribes the cores as soon as two run. Each predictor gets its share of the cores
     * instead: on 2 cores, two single-threaded passes score 1.3x the images of one two-threaded pass at batch 1
     * and 1.1x at batch 8 (bench/RESULTS.md), at the cost of a slower single image when the service is idle.
     */
    int threadsPerForwardPass() {
        int cores = Runtime.getRuntime().availableProcessors();
        return intraOpThreads > 0 ? intraOpThreads : Math.max(1, cores / predictors);
    }
}
