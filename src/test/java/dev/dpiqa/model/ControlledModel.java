package dev.dpiqa.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wraps a real model so tests can hold calls at a gate, slow or fail them, and see batch sizes and closing. */
public final class ControlledModel implements QualityModel {

    private final QualityModel delegate;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Duration delay = Duration.ZERO;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private volatile ModelEngine engine;

    public ControlledModel(QualityModel delegate) {
        this.delegate = delegate;
        this.engine = delegate.engine();
    }

    /** A loader whose models are wrapped and handed to {@code created} as they load. */
    public static ModelLoader loader(List<ControlledModel> created) {
        return cached -> {
            ControlledModel model = new ControlledModel(Fixtures.loader().load(cached));
            created.add(model);
            return model;
        };
    }

    /**
     * Holds every call from now on at a gate; {@link #awaitCallEntered} then waits for a call made after this one
     * (the serving slot's smoke test at load time is a call too, and must not count).
     */
    public ControlledModel holdCalls() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        return this;
    }

    public void releaseCalls() {
        gate.countDown();
    }

    public ControlledModel delayCalls(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Reports {@code engine} from now on, as a version loaded on another engine would. */
    public ControlledModel reportEngine(ModelEngine engine) {
        this.engine = engine;
        return this;
    }

    public ControlledModel failCalls(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    public boolean awaitCallEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Integer> batchSizes() {
        return batchSizes;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public ModelEngine engine() {
        return engine;
    }

    @Override
    public ModelManifest manifest() {
        return delegate.manifest();
    }

    @Override
    public List<ModelOutput> predict(List<float[]> inputs) {
        if (closed) {
            throw new IllegalStateException(manifest().id() + " used after close");
        }
        batchSizes.add(inputs.size());
        entered.countDown();
        try {
            gate.await();
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelInferenceException("interrupted", e);
        }
        if (failure != null) {
            throw failure;
        }
        return delegate.predict(inputs);
    }

    @Override
    public void close() {
        closed = true;
        delegate.close();
    }
}
