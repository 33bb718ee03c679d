package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingModelTest {

    private static final ModelId V1 = new ModelId(Fixtures.STUDENT, "1.0.0");
    private static final ModelId V2 = new ModelId(Fixtures.STUDENT, "1.1.0");

    private final List<ControlledModel> loaded = new CopyOnWriteArrayList<>();

    @Test
    void tagsEachPredictionWithTheVersionThatMadeIt() throws Exception {
        try (ServingModel serving = new ServingModel(Fixtures.loader(), Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            List<Prediction> predictions = serving.predict(List.of(Fixtures.noise(1), Fixtures.noise(2)));

            assertThat(predictions).hasSize(2).allSatisfy(p -> assertThat(p.model().id()).isEqualTo(V1));
            assertThat(serving.current().id()).isEqualTo(V1);
        }
    }

    @Test
    void aTamperedVersionIsRefusedAndTheCurrentOneKeepsServing(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Path next = Fixtures.copy(Fixtures.STUDENT, "1.1.0", root);
        Files.write(next.resolve("model.pt"), new byte[] {0}, StandardOpenOption.APPEND);
        ModelRegistry registry = new ModelRegistry(root);

        try (ServingModel serving = new ServingModel(ControlledModel.loader(loaded), registry.version(Fixtures.STUDENT, "1.0.0"))) {
            assertThatThrownBy(() -> serving.swapTo(registry.latest(Fixtures.STUDENT)))
                    .isInstanceOf(ChecksumMismatchException.class);

            assertThat(serving.current().id()).isEqualTo(V1);
            assertThat(serving.predict(List.of(Fixtures.noise(3)))).singleElement()
                    .satisfies(p -> assertThat(p.model().id()).isEqualTo(V1));
            assertThat(loaded).singleElement().satisfies(m -> assertThat(m.isClosed()).isFalse());
        }
    }

    @Test
    void startsOnTheNewestVersionThatLoadsWhenNewerOnesAreCorrupt(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Path tampered = Fixtures.copy(Fixtures.STUDENT, "1.1.0", root); // bit rot: the checksum no longer matches
        Files.write(tampered.resolve("model.pt"), new byte[] {0}, StandardOpenOption.APPEND);
        Path truncated = Fixtures.copyAsVersion(Fixtures.STUDENT, "1.1.0", root, "1.2.0"); // checksum matches, file cut
        byte[] whole = Files.readAllBytes(truncated.resolve("model.pt"));
        Files.write(truncated.resolve("model.pt"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(truncated.resolve(ModelRegistry.MANIFEST_FILE), Files.readString(
                truncated.resolve(ModelRegistry.MANIFEST_FILE)).replaceAll("\"sha256\": \"[0-9a-f]+\"",
                "\"sha256\": \"" + Checksums.sha256(truncated.resolve("model.pt")) + "\""));
        ModelRegistry registry = new ModelRegistry(root);

        try (ServingModel serving = ServingModel.firstLoadable(Fixtures.loader(), registry.newestFirst(Fixtures.STUDENT))) {
            assertThat(serving.current().id()).isEqualTo(V1);
            assertThat(serving.predict(List.of(Fixtures.noise(4)))).singleElement()
                    .satisfies(p -> assertThat(p.output().score01()).isBetween(0f, 1f));
        }
        Files.delete(root.resolve(Fixtures.STUDENT).resolve("1.0.0").resolve("model.pt"));
        assertThatThrownBy(() -> ServingModel.firstLoadable(Fixtures.loader(), registry.newestFirst(Fixtures.STUDENT)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("1.2.0")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }

    @Test
    void refusesAModelOfAnotherRole() throws Exception {
        try (ServingModel serving = new ServingModel(Fixtures.loader(), Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            assertThatThrownBy(() -> serving.swapTo(Fixtures.cached(Fixtures.TEACHER, "1.0.0")))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("role TEACHER");
            assertThat(serving.current().id()).isEqualTo(V1);
        }
    }

    @Test
    void refusesAModelThatBreaksTheOutputContract() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        ModelLoader wrongQmap = cached -> new QualityModel() {
            @Override
            public ModelManifest manifest() {
                return cached.manifest();
            }

            @Override
            public List<ModelOutput> predict(List<float[]> inputs) {
                return inputs.stream().map(i -> new ModelOutput(0.5f, new float[16])).toList();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThatThrownBy(() -> new ServingModel(wrongQmap, Fixtures.cached(Fixtures.STUDENT, "1.0.0")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("breaks the contract");
        assertThat(closed).isTrue();
    }

    @Test
    void closesTheOldVersionOnlyAfterItsInFlightCallReturns() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (ServingModel serving = new ServingModel(ControlledModel.loader(loaded), Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            ControlledModel old = loaded.get(0).holdCalls();
            Future<List<Prediction>> inFlight = caller.submit(() -> serving.predict(List.of(Fixtures.noise(4))));
            assertThat(old.awaitCallEntered(Duration.ofSeconds(10))).isTrue();

            assertThat(serving.swapTo(Fixtures.cached(Fixtures.STUDENT, "1.1.0")).id()).isEqualTo(V1);

            assertThat(old.isClosed()).isFalse();
            assertThat(serving.predict(List.of(Fixtures.noise(5)))).singleElement()
                    .satisfies(p -> assertThat(p.model().id()).isEqualTo(V2));
            old.releaseCalls();
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).singleElement()
                    .satisfies(p -> assertThat(p.model().id()).isEqualTo(V1));
            assertThat(old.isClosed()).isTrue();
            assertThat(loaded.get(1).isClosed()).isFalse();
        } finally {
            caller.shutdownNow();
        }
        assertThat(loaded).allSatisfy(m -> assertThat(m.isClosed()).isTrue());
    }

    @Test
    void hotSwapUnderConcurrentCallsLosesNoCall() throws Exception {
        int callers = 3;
        int callsAfterSwap = 10;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch everyCallerStarted = new CountDownLatch(callers);
        AtomicBoolean swapped = new AtomicBoolean();
        try (ServingModel serving = new ServingModel(ControlledModel.loader(loaded), Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            List<Future<List<ModelId>>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                float[] image = Fixtures.noise(c);
                results.add(pool.submit(() -> {
                    List<ModelId> seen = new ArrayList<>();
                    for (int afterSwap = 0; afterSwap < callsAfterSwap; ) {
                        boolean startedAfterSwap = swapped.get();
                        ModelId version = serving.predict(List.of(image)).get(0).model().id();
                        seen.add(version);
                        everyCallerStarted.countDown();
                        if (startedAfterSwap) {
                            assertThat(version).isEqualTo(V2);
                            afterSwap++;
                        }
                    }
                    return seen;
                }));
            }
            assertThat(everyCallerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            serving.swapTo(Fixtures.cached(Fixtures.STUDENT, "1.1.0"));
            swapped.set(true);

            for (Future<List<ModelId>> result : results) {
                List<ModelId> seen = result.get(60, TimeUnit.SECONDS); // rethrows any failed call
                assertThat(seen.get(0)).isEqualTo(V1);
                // A caller moves to the new version once and never goes back.
                assertThat(seen.subList(seen.indexOf(V2), seen.size())).containsOnly(V2)
                        .hasSizeGreaterThanOrEqualTo(callsAfterSwap);
            }
            assertThat(loaded.get(0).isClosed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedSlotRefusesCalls() throws Exception {
        ServingModel serving = new ServingModel(ControlledModel.loader(loaded), Fixtures.cached(Fixtures.STUDENT, "1.0.0"));
        serving.close();

        assertThatThrownBy(() -> serving.predict(List.of(Fixtures.noise(1)))).isInstanceOf(IllegalStateException.class);
        assertThat(loaded).singleElement().satisfies(m -> assertThat(m.isClosed()).isTrue());
    }
}
