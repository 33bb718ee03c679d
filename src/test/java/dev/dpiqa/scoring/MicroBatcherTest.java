package dev.dpiqa.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpiqa.model.ModelEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @Test
    void gathersConcurrentRequestsUpToMaxBatch() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test",
                new MicroBatchConfig(4, Duration.ofSeconds(5), 100, 1), this::doubled)) {
            List<CompletableFuture<Integer>> results = IntStream.range(0, 8).mapToObj(batcher::submit).toList();

            assertThat(results.stream().map(CompletableFuture::join)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
            // A 5 s wait would time out the test: full batches must go at once.
            assertThat(batches).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        }
    }

    @Test
    void onnxRuntimeOnCpusScoresOneImagePerPassWhilePyTorchBatches() {
        // bench/RESULTS.md: single-threaded ONNX Runtime passes cost less per image unbatched; libtorch's do not.
        assertThat(MicroBatchConfig.maxBatchFor(ModelEngine.ONNXRUNTIME)).isEqualTo(1);
        assertThat(MicroBatchConfig.maxBatchFor(ModelEngine.PYTORCH)).isGreaterThan(1);
    }

    @Test
    void aLoneRequestGoesAfterMaxWait() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test",
                new MicroBatchConfig(8, Duration.ofMillis(50), 100, 1), this::doubled)) {
            long start = System.nanoTime();
            assertThat(batcher.submit(21).get(5, TimeUnit.SECONDS)).isEqualTo(42);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
            assertThat(batches).containsExactly(List.of(21));
        }
    }

    @Test
    void aFailingBatchFailsEachOfItsRequests() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test",
                new MicroBatchConfig(2, Duration.ofSeconds(5), 100, 1), inputs -> {
                    throw boom;
                })) {
            CompletableFuture<Integer> first = batcher.submit(1);
            CompletableFuture<Integer> second = batcher.submit(2);

            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).hasCause(boom);
            assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).hasCause(boom);
        }
    }

    @Test
    void skipsRequestsTheirCallerGaveUpOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test",
                new MicroBatchConfig(1, Duration.ZERO, 100, 1), inputs -> {
                    await(release);
                    return doubled(inputs);
                })) {
            CompletableFuture<Integer> running = batcher.submit(1);
            CompletableFuture<Integer> abandoned = batcher.submit(2);
            CompletableFuture<Integer> wanted = batcher.submit(3);
            abandoned.cancel(false);
            release.countDown();

            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(wanted.get(5, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(batches).containsExactly(List.of(1), List.of(3));
        }
    }

    @Test
    void rejectsWhenTheQueueIsFullAndAfterClose() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test",
                new MicroBatchConfig(1, Duration.ZERO, 1, 1), inputs -> {
                    entered.countDown();
                    await(release);
                    return doubled(inputs);
                });
        CompletableFuture<Integer> running = batcher.submit(1);
        await(entered); // the worker holds request 1, the queue is empty again
        CompletableFuture<Integer> queued = batcher.submit(2);
        CompletableFuture<Integer> overflow = batcher.submit(3);
        release.countDown();
        batcher.close();

        assertThat(running.join()).isEqualTo(2);
        // Request 2 either ran before the worker saw close() or was failed by it; never left hanging.
        assertThat(queued.handle((v, e) -> e == null ? "ran: " + v : e.getClass().getSimpleName()).join())
                .isIn("ran: 4", "RejectedExecutionException");
        assertThatThrownBy(overflow::join).hasCauseInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("queue full");
        assertThatThrownBy(() -> batcher.submit(4).join()).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    private List<Integer> doubled(List<Integer> inputs) {
        batches.add(List.copyOf(inputs));
        return inputs.stream().map(i -> i * 2).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
