package dev.dpiqa.model.djl;

import ai.djl.util.cuda.CudaUtils;
import dev.dpiqa.model.EngineChoice;
import dev.dpiqa.model.EngineSelectingLoader;
import dev.dpiqa.model.onnx.OnnxModelLoader;

/**
 * The process's model loaders, one of each: the serving loader (ONNX Runtime or DJL PyTorch per version, by
 * {@link EngineChoice} and device) and the DJL PyTorch loader, which serving and re-distillation share so libtorch's
 * process-wide threads and device are set up once.
 */
public final class ModelLoaders {

    private final DjlLoaderConfig config;
    private final EngineSelectingLoader serving;
    private DjlModelLoader pytorch;

    /**
     * Under AUTO a device is a GPU only where CUDA sees one and libtorch runs on it; with no CUDA at all libtorch is
     * not even started, so a CPU node serving ONNX files keeps it out of memory.
     */
    public ModelLoaders(DjlLoaderConfig config, EngineChoice engine) {
        this.config = config;
        this.serving = new EngineSelectingLoader(engine,
                () -> switch (config.device()) {
                    case CPU -> false;
                    case GPU -> true;
                    case AUTO -> CudaUtils.getGpuCount() > 0 && pytorch().device().isGpu();
                },
                this::pytorch,
                () -> new OnnxModelLoader(config.intraOpThreads(), config.predictors()));
    }

    public EngineSelectingLoader serving() {
        return serving;
    }

    /** Started on first use: starting libtorch costs memory that a node serving only ONNX files never needs. */
    public synchronized DjlModelLoader pytorch() {
        if (pytorch == null) {
            pytorch = new DjlModelLoader(config);
        }
        return pytorch;
    }
}
