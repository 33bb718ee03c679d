package dev.dpiqa.model;

import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Loads each version with the engine {@link EngineChoice} and the device call for: the engine a version prefers
 * ({@link #engineFor}) when it has a file for it, else PyTorch, saying so in one log line. A checksum mismatch of any
 * of the version's files is never a reason to fall back: it refuses the version whatever the engine, as before. An ONNX Runtime that cannot
 * start or cannot read the file falls back to the TorchScript file, also in one log line.
 *
 * <p>Engines start on first use, so a CPU node serving only ONNX files never loads libtorch.
 */
public final class EngineSelectingLoader implements ModelLoader {

    private static final System.Logger LOG = System.getLogger(EngineSelectingLoader.class.getName());

    private final EngineChoice choice;
    private final BooleanSupplier onGpu;
    private final Supplier<ModelLoader> pytorch;
    private final Supplier<ModelLoader> onnx;

    /**
     * @param onGpu   whether PyTorch would run on a GPU (asked once, only under AUTO)
     * @param pytorch the TorchScript loader, made on first use
     * @param onnx    the ONNX Runtime loader, made on first use
     */
    public EngineSelectingLoader(EngineChoice choice, BooleanSupplier onGpu, Supplier<ModelLoader> pytorch,
                                 Supplier<ModelLoader> onnx) {
        this.choice = choice;
        this.onGpu = memoize(onGpu);
        this.pytorch = memoize(pytorch);
        this.onnx = memoize(onnx);
    }

    /** The engine that will serve {@code cached}: the preferred one when the version has its file, else PyTorch. */
    public ModelEngine engineFor(CachedModel cached) {
        ModelEngine preferred = preferred();
        return cached.fileFor(preferred).isPresent() ? preferred : ModelEngine.PYTORCH;
    }

    /** What this configuration prefers, before looking at a version's files. */
    public ModelEngine preferred() {
        return switch (choice) {
            case PYTORCH -> ModelEngine.PYTORCH;
            case ONNXRUNTIME -> ModelEngine.ONNXRUNTIME;
            case AUTO -> onGpu.getAsBoolean() ? ModelEngine.PYTORCH : ModelEngine.ONNXRUNTIME;
        };
    }

    @Override
    public QualityModel load(CachedModel cached) throws ModelLoadException {
        ModelEngine preferred = preferred();
        verifyOtherFiles(cached, engineFor(cached));
        if (preferred == ModelEngine.ONNXRUNTIME) {
            if (cached.fileFor(ModelEngine.ONNXRUNTIME).isEmpty()) {
                LOG.log(Level.INFO, "{0} has no ONNX file (TorchScript only): served by PyTorch, not ONNX Runtime",
                        cached.id());
                return pytorch.get().load(cached);
            }
            try {
                return onnx.get().load(cached);
            } catch (ChecksumMismatchException e) {
                throw e;
            } catch (ModelLoadException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "ONNX Runtime cannot serve {0} ({1}): served by PyTorch from {2} instead",
                        cached.id(), rootCause(e), cached.manifest().file());
                return pytorch.get().load(cached);
            }
        }
        return pytorch.get().load(cached);
    }

    /**
     * A version is served or refused as a whole, whichever engine runs it: a torn or tampered file of another engine
     * refuses it here too, so CPU and GPU nodes never disagree on which version serves. The engine's own loader
     * checks the file it loads, on the bytes it loads.
     */
    private static void verifyOtherFiles(CachedModel cached, ModelEngine engine) throws ModelLoadException {
        for (ModelManifest.ModelFile file : cached.manifest().modelFiles()) {
            if (file.modelEngine().orElse(null) != engine) {
                Checksums.verify(cached.resolve(file), file.sha256());
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e || cause.getMessage() == null ? e.toString() : e.getMessage() + ": " + cause.getMessage();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static BooleanSupplier memoize(BooleanSupplier supplier) {
        Supplier<Boolean> memo = memoize((Supplier<Boolean>) supplier::getAsBoolean);
        return memo::get;
    }
}
