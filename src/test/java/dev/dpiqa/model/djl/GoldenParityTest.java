package dev.dpiqa.model.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ComposingLoader;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import dev.dpiqa.model.onnx.OnnxModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python and Java agree: every model with a {@code golden/golden.json}, in the test fixtures and in the shipped
 * {@code model-cache/}, reproduces the exporter's outputs through DJL, both for its {@code tensor_case} (the
 * model alone, on generated noise) and for its image {@code cases} (file bytes through the serving preprocessing: {@link ImageIntake}
 * decode and {@link ModelViews} to the manifest's input, then the model). Versions with an ONNX file replay the same
 * goldens through ONNX Runtime too (issue 27): the exporter's TorchScript outputs, within the golden's tolerance.
 */
class GoldenParityTest {

    /** -Ddpiqa.parity.extra-cache=DIR adds a cache, e.g. versions exported to ONNX that are not checked in yet. */
    private static final List<Path> MODEL_CACHES = Stream.concat(Stream.of(Fixtures.MODEL_CACHE,
            Path.of("model-cache")), Stream.ofNullable(System.getProperty("dpiqa.parity.extra-cache")).map(Path::of))
            .toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageIntake INTAKE = new ImageIntake(IntakeLimits.defaults());
    private static final ModelLoader ONNX = new OnnxModelLoader(1, 1);

    /** Each version with goldens once per engine it has a file for. */
    static Stream<Arguments> modelsWithGoldenOutputs() {
        return MODEL_CACHES.stream()
                .flatMap(root -> new ModelRegistry(root).models().stream())
                .filter(model -> Files.isRegularFile(goldenFile(model)))
                .flatMap(model -> model.engines().stream().map(engine ->
                        Arguments.of(Named.of(model.directory().toString(), model), engine)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsWithGoldenOutputs")
    void reproducesTheExportersOutputs(CachedModel cached, ModelEngine engine) throws Exception {
        JsonNode golden = JSON.readTree(goldenFile(cached).toFile());
        JsonNode tensorCase = golden.path("tensor_case");
        assertThat(tensorCase.isObject()).as("golden.json of %s needs a tensor_case", cached.id()).isTrue();
        assertThat(tensorCase.path("generator").asText()).as("tensor_case generator").isEqualTo("lowbias32");
        List<float[]> images = generatedBatch(tensorCase.path("shape"));

        List<ModelOutput> outputs = predict(cached, engine, images);

        assertThat(outputs).hasSize(tensorCase.path("scores").size());
        Tolerance tolerance = Tolerance.of(golden);
        for (int i = 0; i < outputs.size(); i++) {
            String label = "tensor_case item " + i;
            tolerance.assertScore(outputs.get(i), tensorCase.path("scores").get(i).asDouble(), label);
            if (tensorCase.has("qmap_mean")) {
                tolerance.assertQmapMean(outputs.get(i), tensorCase.path("qmap_mean").get(i).asDouble(), label);
            }
            if (tensorCase.has("qmap_l2")) {
                tolerance.assertQmapL2(outputs.get(i), tensorCase.path("qmap_l2").get(i).asDouble(), label);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsWithGoldenOutputs")
    void reproducesTheExportersImageScoresFromFileBytes(CachedModel cached, ModelEngine engine) throws Exception {
        JsonNode golden = JSON.readTree(goldenFile(cached).toFile());
        List<JsonNode> cases = new ArrayList<>();
        golden.path("cases").forEach(cases::add);
        assumeFalse(cases.isEmpty(), "golden.json of " + cached.id() + " has no image cases");
        ModelViews views = cached.manifest().modelViews();
        List<float[]> images = new ArrayList<>();
        for (JsonNode imageCase : cases) {
            byte[] bytes = Files.readAllBytes(goldenFile(cached).resolveSibling(imageCase.path("image").asText()));
            images.add(views.toChw(INTAKE.decode(bytes).image()));
        }

        List<ModelOutput> outputs = predict(cached, engine, images);

        Tolerance tolerance = Tolerance.of(golden);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode imageCase = cases.get(i);
            String label = imageCase.path("image").asText();
            tolerance.assertScore(outputs.get(i), imageCase.path("score").asDouble(), label);
            tolerance.assertQmapMean(outputs.get(i), imageCase.path("qmap_mean").asDouble(), label);
            tolerance.assertQmapL2(outputs.get(i), imageCase.path("qmap_l2").asDouble(), label);
        }
    }

    /** The golden's tolerances, applied the same way to tensor and image cases. */
    private record Tolerance(double score, double qmap) {

        static Tolerance of(JsonNode golden) {
            return new Tolerance(golden.path("tolerance").path("score").asDouble(1e-4),
                    golden.path("tolerance").path("qmap").asDouble(1e-3));
        }

        void assertScore(ModelOutput output, double expected, String label) {
            assertThat((double) output.score01()).as("score of %s", label).isCloseTo(expected, within(score));
        }

        void assertQmapMean(ModelOutput output, double expected, String label) {
            assertThat(mean(output.qmap())).as("qmap mean of %s", label).isCloseTo(expected, within(qmap));
        }

        void assertQmapL2(ModelOutput output, double expected, String label) {
            // Relative: an L2 norm over 32k values grows with the map, and so does float32 rounding.
            assertThat(l2(output.qmap())).as("qmap L2 of %s", label)
                    .isCloseTo(expected, within(qmap * Math.max(1.0, Math.abs(expected))));
        }
    }

    private static List<ModelOutput> predict(CachedModel cached, ModelEngine engine, List<float[]> images)
            throws Exception {
        // A composed version's goldens are those of the whole: it loads with the versions it is served beside.
        try (QualityModel model = new ComposingLoader(engine == ModelEngine.ONNXRUNTIME ? ONNX : Fixtures.loader())
                .load(cached)) {
            assertThat(model.engine()).isEqualTo(engine);
            return model.predict(images);
        }
    }

    private static Path goldenFile(CachedModel model) {
        return model.directory().resolve("golden/golden.json");
    }

    /**
     * training/export/golden.py's {@code golden_tensor}, bit for bit: element i (C order over the whole batch) is the top
     * 24 bits of Wellons' lowbias32 hash of i over 2^24, exact in float32.
     */
    private static List<float[]> generatedBatch(JsonNode shape) {
        int batch = shape.get(0).asInt();
        int perImage = shape.get(1).asInt() * shape.get(2).asInt() * shape.get(3).asInt();
        List<float[]> images = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            float[] image = new float[perImage];
            for (int j = 0; j < perImage; j++) {
                int h = b * perImage + j;
                h ^= h >>> 16;
                h *= 0x7feb352d;
                h ^= h >>> 15;
                h *= 0x846ca68b;
                h ^= h >>> 16;
                image[j] = (h >>> 8) / (float) (1 << 24);
            }
            images.add(image);
        }
        return images;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double l2(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
