package dev.dpiqa.model.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.QualityModel;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** Loads model-cache TorchScript files with DJL's PyTorch engine, after checking their sha256. */
public final class DjlModelLoader implements ModelLoader {

    private static final System.Logger LOG = System.getLogger(DjlModelLoader.class.getName());
    private static final String ENGINE = "PyTorch";

    private final DjlLoaderConfig config;
    private final Device device;

    public DjlModelLoader(DjlLoaderConfig config) {
        this.config = config;
        configureThreads(config);
        this.device = chooseDevice(config.device());
    }

    public Device device() {
        return device;
    }

    @Override
    public QualityModel load(CachedModel cached) throws ModelLoadException {
        Checksums.verify(cached.modelFile(), cached.manifest().sha256());
        Criteria<float[], ModelOutput> criteria = Criteria.builder()
                .setTypes(float[].class, ModelOutput.class)
                .optModelPath(cached.directory())
                .optModelName(cached.manifest().file())
                .optEngine(ENGINE)
                .optDevice(device)
                .optTranslator(new QualityTranslator(cached.manifest()))
                .optOption("mapLocation", "true") // a model exported on a GPU still loads on a CPU node
                .build();
        try {
            ZooModel<float[], ModelOutput> model = criteria.loadModel();
            try {
                return new LoadedModel(cached.manifest(), model, config.predictors());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (ai.djl.repository.zoo.ModelNotFoundException | MalformedModelException | IOException
                 | RuntimeException e) {
            throw new ModelLoadException("DJL could not load " + cached.id() + " from " + cached.modelFile(), e);
        }
    }

    private static Device chooseDevice(DeviceChoice choice) {
        return switch (choice) {
            case CPU -> Device.cpu();
            case GPU -> Device.gpu();
            case AUTO -> Engine.getEngine(ENGINE).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /**
     * Libtorch thread pools are per process. The engine reads these properties when it starts; intra-op threads
     * can still change afterwards, inter-op threads cannot, so a late change is reported rather than failing.
     */
    private static void configureThreads(DjlLoaderConfig config) {
        if (config.intraOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(config.intraOpThreads()));
        }
        if (config.interOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(config.interOpThreads()));
        }
        Engine.getEngine(ENGINE); // starts the engine with the properties above if this is the first use
        if (config.intraOpThreads() > 0 && JniUtils.getNumThreads() != config.intraOpThreads()) {
            JniUtils.setNumThreads(config.intraOpThreads());
        }
        if (config.interOpThreads() > 0 && JniUtils.getNumInteropThreads() != config.interOpThreads()) {
            LOG.log(Level.WARNING, "libtorch already runs {0} inter-op threads; {1} takes effect after a restart",
                    JniUtils.getNumInteropThreads(), config.interOpThreads());
        }
    }
}
