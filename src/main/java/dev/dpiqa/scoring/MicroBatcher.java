package dev.dpiqa.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Gathers single requests from many threads into batches: a worker takes the oldest request, then waits up to
 * {@code maxWait} (from that request's arrival) for more, up to the batch limit, and runs them as one call of
 * the batch function. A failing batch fails each of its requests; requests already completed by their caller
 * (cancelled, timed out) are dropped before the batch runs.
 *
 * @param <I> one request's input
 * @param <O> one request's output; the batch function returns one per input, in order
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    private static final long IDLE_POLL_MILLIS = 100; // how soon an idle worker notices close()

    private record Pending<I, O>(I input, CompletableFuture<O> result, long arrivedNanos) {
    }

    private final MicroBatchConfig config;
    private final IntSupplier maxBatch;
    private final Function<List<I>, List<O>> batchFunction;
    private final BlockingQueue<Pending<I, O>> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    public MicroBatcher(String name, MicroBatchConfig config, Function<List<I>, List<O>> batchFunction) {
        this(name, config, fixed(config), batchFunction);
    }

    /** @param maxBatch the batch limit, read as each batch is gathered (it may follow the model serving then) */
    public MicroBatcher(String name, MicroBatchConfig config, IntSupplier maxBatch,
                        Function<List<I>, List<O>> batchFunction) {
        this.config = config;
        this.maxBatch = maxBatch;
        this.batchFunction = batchFunction;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        for (int i = 0; i < config.workers(); i++) {
            Thread worker = new Thread(this::work, "dpiqa-" + name + "-batcher-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public CompletableFuture<O> submit(I input) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new RejectedExecutionException("micro-batcher is closed"));
        } else if (!queue.offer(new Pending<>(input, result, System.nanoTime()))) {
            result.completeExceptionally(new RejectedExecutionException(
                    "micro-batch queue full (" + config.queueCapacity() + " waiting)"));
        } else if (closed) {
            failQueued(); // close() may have drained the queue just before this offer
        }
        return result;
    }

    /** Lets running batches finish, then fails whatever is still queued. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
    }

    private void work() {
        try {
            while (!closed) {
                Pending<I, O> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    run(gather(first));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IntSupplier fixed(MicroBatchConfig config) {
        if (config.maxBatch() == MicroBatchConfig.BY_ENGINE) {
            throw new IllegalArgumentException("a batch limit by engine needs the model's engine: pass a supplier");
        }
        return config::maxBatch;
    }

    private List<Pending<I, O>> gather(Pending<I, O> first) throws InterruptedException {
        int limit = maxBatch.getAsInt();
        List<Pending<I, O>> batch = new ArrayList<>(limit);
        batch.add(first);
        long deadline = first.arrivedNanos() + config.maxWait().toNanos();
        while (batch.size() < limit) {
            long left = deadline - System.nanoTime();
            Pending<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Pending<I, O>> gathered) {
        List<Pending<I, O>> batch = gathered.stream().filter(p -> !p.result().isDone()).toList();
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<O> outputs = batchFunction.apply(batch.stream().map(Pending::input).toList());
            if (outputs.size() != batch.size()) {
                throw new IllegalStateException(outputs.size() + " outputs for a batch of " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outputs.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    private void failQueued() {
        for (Pending<I, O> pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.result().completeExceptionally(new RejectedExecutionException("micro-batcher closed"));
        }
    }
}
