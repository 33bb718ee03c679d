package dev.dpiqa.model;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model currently serving one slot (the student, or the teacher), hot-swappable without dropping calls.
 *
 * <p>A new version is loaded, checksum-verified and smoke-tested off to the side, then swapped in with one atomic
 * write. Each call holds a reference on the version it started with, so the old version is closed only after its
 * last in-flight call returns. A refused version never replaces the one serving.
 */
public final class ServingModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServingModel.class.getName());

    private final ModelLoader loader;
    private final AtomicReference<Lease> current = new AtomicReference<>();
    private final Object swapLock = new Object();

    /** Loads and checks the first version; throws if it is refused, since there is nothing else to serve. */
    public ServingModel(ModelLoader loader, CachedModel initial) throws ModelLoadException {
        this.loader = loader;
        current.set(new Lease(loadChecked(initial)));
    }

    /**
     * Serves the first of {@code candidates} (newest first) that loads and passes its checks, so a corrupt newest
     * version in the cache leaves the service on the version before it instead of down.
     *
     * @throws ModelLoadException if every candidate is refused (the first refusal, the others suppressed)
     */
    public static ServingModel firstLoadable(ModelLoader loader, List<CachedModel> candidates)
            throws ModelLoadException {
        ModelLoadException refused = null;
        for (CachedModel candidate : candidates) {
            try {
                ServingModel serving = new ServingModel(loader, candidate);
                if (refused != null) {
                    LOG.log(Level.ERROR, "serving {0}: a newer version was refused ({1})", candidate.id(),
                            refused.getMessage());
                }
                return serving;
            } catch (ModelLoadException e) {
                if (refused == null) {
                    refused = e;
                } else {
                    refused.addSuppressed(e);
                }
            }
        }
        throw refused != null ? refused : new ModelLoadException("no version to serve");
    }

    /** The manifest of the version that new calls go to. */
    public ModelManifest current() {
        return onCurrent(QualityModel::manifest);
    }

    /** The engine running the version that new calls go to. */
    public ModelEngine engine() {
        return onCurrent(QualityModel::engine);
    }

    private <T> T onCurrent(java.util.function.Function<QualityModel, T> read) {
        Lease lease = acquire();
        try {
            return read.apply(lease.model);
        } finally {
            lease.release();
        }
    }

    /** Scores a batch on one version and says which; see {@link QualityModel#predict(List)}. */
    public List<Prediction> predict(List<float[]> inputs) {
        Lease lease = acquire();
        try {
            ModelManifest manifest = lease.model.manifest();
            return lease.model.predict(inputs).stream().map(output -> new Prediction(manifest, output)).toList();
        } finally {
            lease.release();
        }
    }

    /**
     * Loads {@code next} and makes it the serving version. Swaps are serialised so that two promotions cannot
     * finish out of order.
     *
     * @return the manifest of the version it replaced
     * @throws ModelLoadException if {@code next} is refused; the current version keeps serving
     */
    public ModelManifest swapTo(CachedModel next) throws ModelLoadException {
        synchronized (swapLock) {
            ModelRole role = current().role();
            if (next.manifest().role() != role) {
                throw new ModelLoadException("refusing " + next.id() + ": role " + next.manifest().role()
                        + " cannot replace the serving " + role + " model");
            }
            Lease fresh = new Lease(loadChecked(next));
            Lease old = current.getAndSet(fresh);
            if (old == null) { // closed while loading
                fresh.release();
                throw new IllegalStateException("serving model closed during the swap to " + next.id());
            }
            LOG.log(Level.INFO, "serving {0} ({1}) instead of {2}", next.id(), fresh.model.engine(),
                    old.model.manifest().id());
            old.release();
            return old.model.manifest();
        }
    }

    /** Stops new calls; the last version closes once its in-flight calls return. */
    @Override
    public void close() {
        Lease last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }

    private Lease acquire() {
        while (true) {
            Lease lease = current.get();
            if (lease == null) {
                throw new IllegalStateException("serving model is closed");
            }
            if (lease.retain()) {
                return lease;
            }
            // Lost a race with a swap that released this lease to zero: the next read sees the new one.
        }
    }

    /** Loads and runs one mid-grey image, so a model breaking the output contract never starts serving. */
    private QualityModel loadChecked(CachedModel candidate) throws ModelLoadException {
        QualityModel model = loader.load(candidate);
        try {
            float[] grey = new float[candidate.manifest().inputLength()];
            Arrays.fill(grey, 0.5f);
            List<ModelOutput> outputs = model.predict(List.of(grey));
            if (outputs.size() != 1 || !conforms(outputs.get(0), candidate.manifest())) {
                throw new ModelLoadException("refusing " + candidate.id() + ": its output breaks the contract"
                        + " (score in [0,1], qmap " + candidate.manifest().outputs().qmap().shape() + ")");
            }
            return model;
        } catch (ModelLoadException | RuntimeException e) {
            model.close();
            throw e instanceof ModelLoadException mle ? mle
                    : new ModelLoadException("refusing " + candidate.id() + ": smoke test failed", e);
        }
    }

    private static boolean conforms(ModelOutput output, ModelManifest manifest) {
        return output.score01() >= 0f && output.score01() <= 1f && output.qmap().length == manifest.qmapLength();
    }

    /** A model plus the number of holders: the slot itself (1) and every call in flight on it. */
    private static final class Lease {
        private final QualityModel model;
        private final AtomicInteger holders = new AtomicInteger(1);

        Lease(QualityModel model) {
            this.model = model;
        }

        boolean retain() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false; // already released by the slot and drained: closed or closing
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                model.close();
            }
        }
    }
}
