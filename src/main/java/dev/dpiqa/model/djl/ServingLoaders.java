package dev.dpiqa.model.djl;

import ai.djl.util.cuda.CudaUtils;
import dev.dpiqa.model.EngineChoice;
import dev.dpiqa.model.EngineSelectingLoader;
import dev.dpiqa.model.onnx.OnnxModelLoader;

/** The serving loader: ONNX Runtime or DJL PyTorch per version, by {@link EngineChoice} and device. */
public final class ServingLoaders {

    private ServingLoaders() {
    }

    /**
     * Under AUTO a device is a GPU only where CUDA sees one and libtorch runs on it; with no CUDA at all libtorch is
     * not even started, so a CPU node serving ONNX files keeps it out of memory.
     */
    public static EngineSelectingLoader create(DjlLoaderConfig config, EngineChoice engine) {
        DjlModelLoader[] djl = new DjlModelLoader[1];
        java.util.function.Supplier<DjlModelLoader> pytorch = () -> {
            synchronized (djl) {
                if (djl[0] == null) {
                    djl[0] = new DjlModelLoader(config);
                }
                return djl[0];
            }
        };
        return new EngineSelectingLoader(engine,
                () -> switch (config.device()) {
                    case CPU -> false;
                    case GPU -> true;
                    case AUTO -> CudaUtils.getGpuCount() > 0 && pytorch.get().device().isGpu();
                },
                pytorch::get,
                () -> new OnnxModelLoader(config.intraOpThreads(), config.predictors()));
    }
}
