package dev.dpiqa.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Fetching and decoding; its size bounds how many images a consumer holds in memory. */
public final class PipelineExecutor {

    private final ExecutorService executor;

    public PipelineExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "dpiqa-pipeline-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ExecutorService executor() {
        return executor;
    }
}
