package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpiqa.model.djl.DeviceChoice;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import dev.dpiqa.model.djl.ModelLoaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine serves a version, and when it falls back (issue 27). */
class EngineSelectingLoaderTest {

    private final List<String> calls = new ArrayList<>();

    /** A loader that records its engine's name and returns a stand-in model. */
    private Supplier<ModelLoader> recording(String engine) {
        return () -> {
            calls.add("start " + engine);
            return cached -> {
                calls.add(engine + " " + cached.id().version());
                return new QualityModel() {
                    @Override
                    public ModelManifest manifest() {
                        return cached.manifest();
                    }

                    @Override
                    public List<ModelOutput> predict(List<float[]> inputs) {
                        throw new UnsupportedOperationException("a stand-in");
                    }

                    @Override
                    public void close() {
                    }
                };
            };
        };
    }

    private EngineSelectingLoader loader(EngineChoice choice, boolean gpu) {
        return new EngineSelectingLoader(choice, () -> gpu, recording("pytorch"), recording("onnx"));
    }

    @Test
    void aCpuServesOnnxFilesAndTorchScriptOnlyVersionsWithPyTorch() throws Exception {
        EngineSelectingLoader cpu = loader(EngineChoice.AUTO, false);
        CachedModel student = Fixtures.cached(Fixtures.STUDENT, "1.0.0");
        CachedModel teacher = Fixtures.cached(Fixtures.TEACHER, "1.0.0"); // TorchScript only

        assertThat(cpu.engineFor(student)).isEqualTo(ModelEngine.ONNXRUNTIME);
        assertThat(cpu.engineFor(teacher)).isEqualTo(ModelEngine.PYTORCH);
        cpu.load(student).close();
        cpu.load(teacher).close();

        assertThat(calls).containsExactly("start onnx", "onnx 1.0.0", "start pytorch", "pytorch 1.0.0");
    }

    @Test
    void aGpuServesTorchScriptAndNeverStartsOnnxRuntime() throws Exception {
        EngineSelectingLoader gpu = loader(EngineChoice.AUTO, true);
        gpu.load(Fixtures.cached(Fixtures.STUDENT, "1.0.0")).close();

        assertThat(calls).containsExactly("start pytorch", "pytorch 1.0.0");
    }

    @Test
    void configuredEnginesWinOverTheDevice() throws Exception {
        loader(EngineChoice.PYTORCH, false).load(Fixtures.cached(Fixtures.STUDENT, "1.0.0")).close();
        loader(EngineChoice.ONNXRUNTIME, true).load(Fixtures.cached(Fixtures.STUDENT, "1.1.0")).close();

        assertThat(calls).containsExactly("start pytorch", "pytorch 1.0.0", "start onnx", "onnx 1.1.0");
    }

    @Test
    void anOnnxRuntimeThatCannotLoadFallsBackToTheTorchScriptFile() throws Exception {
        EngineSelectingLoader loader = new EngineSelectingLoader(EngineChoice.AUTO, () -> false, recording("pytorch"),
                () -> cached -> {
                    throw new ModelLoadException("ONNX Runtime could not load " + cached.id());
                });
        try (QualityModel model = loader.load(Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            assertThat(model.manifest().version()).isEqualTo("1.0.0");
        }
        assertThat(calls).containsExactly("start pytorch", "pytorch 1.0.0");
    }

    @Test
    void aTamperedOnnxFileRefusesTheVersionRatherThanFallingBack(@TempDir Path root) throws Exception {
        Path folder = Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Files.write(folder.resolve("model.onnx"), new byte[] {1}, StandardOpenOption.APPEND);
        CachedModel tampered = new ModelRegistry(root).latest(Fixtures.STUDENT);
        ModelLoader real = new ModelLoaders(new DjlLoaderConfig(DeviceChoice.CPU, 1, 1, 1), EngineChoice.AUTO).serving();

        assertThatThrownBy(() -> real.load(tampered)).isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void aTornTorchScriptFileRefusesTheVersionOnOnnxRuntimeToo(@TempDir Path root) throws Exception {
        Path folder = Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        byte[] whole = Files.readAllBytes(folder.resolve("model.pt"));
        Files.write(folder.resolve("model.pt"), java.util.Arrays.copyOf(whole, whole.length / 2));
        CachedModel torn = new ModelRegistry(root).latest(Fixtures.STUDENT);

        assertThatThrownBy(() -> loader(EngineChoice.AUTO, false).load(torn))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("model.pt");
        assertThat(calls).isEmpty(); // refused before any engine started
    }

    @Test
    void servesPinsAndHotSwapsOnOnnxRuntime(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Fixtures.copy(Fixtures.STUDENT, "1.1.0", root);
        ModelRegistry registry = new ModelRegistry(root);
        ModelLoader real = new ModelLoaders(new DjlLoaderConfig(DeviceChoice.CPU, 1, 1, 1), EngineChoice.AUTO).serving();

        try (ServingModel serving = ServingModel.firstLoadable(real,
                registry.candidates(Fixtures.STUDENT, java.util.Optional.of("1.0.0")))) {
            assertThat(serving.current().version()).isEqualTo("1.0.0");
            assertThat(serving.engine()).isEqualTo(ModelEngine.ONNXRUNTIME);
            float before = serving.predict(List.of(Fixtures.noise(7))).get(0).output().score01();

            serving.swapTo(registry.version(Fixtures.STUDENT, "1.1.0"));

            assertThat(serving.current().version()).isEqualTo("1.1.0");
            assertThat(serving.engine()).isEqualTo(ModelEngine.ONNXRUNTIME);
            assertThat(serving.predict(List.of(Fixtures.noise(7))).get(0).output().score01()).isNotEqualTo(before);
        }
    }
}
