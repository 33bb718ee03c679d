package dev.dpiqa.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ChecksumMismatchException;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime serves a version's model.onnx exactly as DJL serves its model.pt, or refuses it as DJL would. */
class OnnxModelLoaderTest {

    private static final OnnxModelLoader LOADER = new OnnxModelLoader(1, 2);

    @Test
    void scoresAsTheTorchScriptFileDoesForAnyBatchSize() throws Exception {
        CachedModel student = Fixtures.cached(Fixtures.STUDENT, "1.0.0");
        List<float[]> inputs = List.of(Fixtures.solid(0, 0, 0), Fixtures.noise(1), Fixtures.solid(1, 0, 0),
                Fixtures.noise(2), Fixtures.noise(3));
        try (QualityModel onnx = LOADER.load(student); QualityModel torch = Fixtures.loader().load(student)) {
            assertThat(onnx.engine()).isEqualTo(ModelEngine.ONNXRUNTIME);
            assertThat(torch.engine()).isEqualTo(ModelEngine.PYTORCH);
            List<ModelOutput> expected = torch.predict(inputs);
            for (List<float[]> batch : List.of(inputs, inputs.subList(0, 1), inputs.subList(1, 4))) {
                List<ModelOutput> actual = onnx.predict(batch);
                int offset = inputs.indexOf(batch.get(0));
                assertThat(actual).hasSize(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    assertClose(actual.get(i), expected.get(offset + i));
                }
            }
        }
    }

    @Test
    void splitsTheCoresBetweenPredictorsUnlessToldHowManyThreadsAPassGets() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(new OnnxModelLoader(0, 1).threadsPerForwardPass()).isEqualTo(cores);
        assertThat(new OnnxModelLoader(0, 2).threadsPerForwardPass()).isEqualTo(Math.max(1, cores / 2));
        assertThat(new OnnxModelLoader(0, cores + 1).threadsPerForwardPass()).isEqualTo(1);
        assertThat(new OnnxModelLoader(3, 2).threadsPerForwardPass()).isEqualTo(3);
    }

    @Test
    void servesAModelOfTwoViewsStackedAlongChannels() throws Exception {
        CachedModel views = Fixtures.cached("fixture_student_views", "1.0.0");
        int length = views.manifest().inputLength();
        assertThat(length).isEqualTo(6 * 64 * 64);
        List<float[]> inputs = List.of(Fixtures.noise(4, length), Fixtures.noise(5, length));
        try (QualityModel onnx = LOADER.load(views); QualityModel torch = Fixtures.loader().load(views)) {
            List<ModelOutput> expected = torch.predict(inputs);
            List<ModelOutput> actual = onnx.predict(inputs);
            for (int i = 0; i < inputs.size(); i++) {
                assertClose(actual.get(i), expected.get(i));
            }
        }
    }

    @Test
    void refusesAnOnnxFileWhoseBytesDoNotMatchTheManifest(@TempDir Path root) throws Exception {
        Path folder = Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Files.write(folder.resolve("model.onnx"), new byte[] {1}, StandardOpenOption.APPEND);
        CachedModel tampered = new ModelRegistry(root).latest(Fixtures.STUDENT);

        assertThatThrownBy(() -> LOADER.load(tampered))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> assertThat(e.expected())
                        .isEqualTo(tampered.fileFor(ModelEngine.ONNXRUNTIME).orElseThrow().sha256()));
    }

    @Test
    void refusesAVersionWithoutAnOnnxFile() {
        assertThatThrownBy(() -> LOADER.load(Fixtures.cached(Fixtures.TEACHER, "1.0.0")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("no ONNX file");
    }

    @Test
    void rejectsAnInputOfTheWrongSize() throws Exception {
        try (QualityModel model = LOADER.load(Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            assertThatThrownBy(() -> model.predict(List.of(new float[3 * 32 * 32])))
                    .isInstanceOf(ModelInferenceException.class)
                    .hasStackTraceContaining("the model takes CHW");
        }
    }

    private static void assertClose(ModelOutput actual, ModelOutput expected) {
        assertThat(actual.score01()).isCloseTo(expected.score01(), within(1e-5f));
        assertThat(actual.qmap()).hasSameSizeAs(expected.qmap());
        for (int j = 0; j < actual.qmap().length; j++) {
            assertThat(actual.qmap()[j]).isCloseTo(expected.qmap()[j], within(1e-5f));
        }
    }
}
