package dev.dpiqa.serving;

import dev.dpiqa.model.EngineChoice;
import dev.dpiqa.model.djl.DeviceChoice;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Which models serve, from where, and on what hardware. */
@ConfigMapping(prefix = "dpiqa.models")
public interface ModelsConfig {

    /** The model cache: {@code <name>/<version>/manifest.json} folders written by training and re-distillation. */
    @WithDefault("model-cache")
    Path cacheDir();

    /** The student every image goes through. */
    Slot student();

    /** The teacher for the teacher and cascade modes; leave unset on nodes that serve only the student. */
    Optional<Slot> teacher();

    /** Where models run: {@code auto} (first GPU if libtorch sees one), {@code cpu} or {@code gpu}. */
    @WithDefault("auto")
    DeviceChoice device();

    /**
     * Which engine serves: {@code auto} (ONNX Runtime on CPUs for versions with an ONNX file, PyTorch on GPUs and
     * for TorchScript-only versions), {@code pytorch} or {@code onnxruntime} (PyTorch where a version has no ONNX
     * file); a fallback is logged in one line.
     */
    @WithDefault("auto")
    EngineChoice engine();

    /**
     * Threads inside one operator: libtorch's (process-wide) and each ONNX Runtime forward pass's; 0 keeps libtorch's
     * default (all cores) and gives each ONNX Runtime predictor its share of the cores (cores / predictors), which
     * scores the most images per second; set it to the core count where one image's latency matters more.
     */
    @WithDefault("0")
    int intraOpThreads();

    /** libtorch threads across operators, process-wide; 0 keeps libtorch's default. */
    @WithDefault("0")
    int interOpThreads();

    /** Forward passes that may run at once per model (DJL predictors, and micro-batch workers). */
    @WithDefault("2")
    int predictors();

    /** How the DJL loader is set up, for serving and for re-distillation alike. */
    default DjlLoaderConfig loaderConfig() {
        return new DjlLoaderConfig(device(), intraOpThreads(), interOpThreads(), predictors());
    }

    interface Slot {
        /** Model name, a folder under the cache. */
        String name();

        /** A pinned version; unset serves the newest valid version. */
        Optional<String> version();
    }
}
