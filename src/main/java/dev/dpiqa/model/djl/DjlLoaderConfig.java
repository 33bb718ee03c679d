package dev.dpiqa.model.djl;

/**
 * How {@link DjlModelLoader} loads models.
 *
 * @param device          where models run
 * @param intraOpThreads  libtorch threads inside one operator (process-wide); 0 keeps libtorch's default (all cores)
 * @param interOpThreads  libtorch threads across independent operators (process-wide, fixed once the engine has
 *                        run anything); 0 keeps the default
 * @param predictors      DJL predictors per loaded model, i.e. forward passes that may run at once
 */
public record DjlLoaderConfig(DeviceChoice device, int intraOpThreads, int interOpThreads, int predictors) {

    public DjlLoaderConfig {
        if (device == null || intraOpThreads < 0 || interOpThreads < 0 || predictors < 1) {
            throw new IllegalArgumentException("need a device, thread counts >= 0 and predictors >= 1: "
                    + device + ", " + intraOpThreads + ", " + interOpThreads + ", " + predictors);
        }
    }

    /** Libtorch's own thread defaults and two predictors: one batch runs while the next is being gathered. */
    public static DjlLoaderConfig defaults() {
        return new DjlLoaderConfig(DeviceChoice.AUTO, 0, 0, 2);
    }
}
