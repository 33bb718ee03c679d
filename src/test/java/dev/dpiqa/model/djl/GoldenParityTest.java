package dev.dpiqa.model.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python and Java agree: every model with a {@code golden/golden.json}, in the test fixtures and in the shipped
 * {@code model-cache/}, reproduces the exporter's outputs for its {@code tensor_case} through DJL.
 * Image {@code cases} also depend on decoding and resizing, so the {@code image} package checks those.
 */
class GoldenParityTest {

    private static final List<Path> MODEL_CACHES = List.of(Fixtures.MODEL_CACHE, Path.of("model-cache"));
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<CachedModel>> modelsWithGoldenOutputs() {
        return MODEL_CACHES.stream()
                .flatMap(root -> new ModelRegistry(root).models().stream())
                .filter(model -> Files.isRegularFile(goldenFile(model)))
                .map(model -> Named.of(model.directory().toString(), model));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsWithGoldenOutputs")
    void reproducesTheExportersOutputs(CachedModel cached) throws Exception {
        JsonNode golden = JSON.readTree(goldenFile(cached).toFile());
        JsonNode tensorCase = golden.path("tensor_case");
        assertThat(tensorCase.isObject()).as("golden.json of %s needs a tensor_case", cached.id()).isTrue();
        double scoreTolerance = golden.path("tolerance").path("score").asDouble(1e-4);
        double qmapTolerance = golden.path("tolerance").path("qmap").asDouble(1e-3);
        List<float[]> images = readBatch(goldenFile(cached).resolveSibling(tensorCase.path("input").asText()),
                tensorCase.path("shape"));

        List<ModelOutput> outputs;
        try (QualityModel model = Fixtures.loader().load(cached)) {
            outputs = model.predict(images);
        }

        assertThat(outputs).hasSize(tensorCase.path("scores").size());
        for (int i = 0; i < outputs.size(); i++) {
            ModelOutput output = outputs.get(i);
            assertThat((double) output.score01()).as("score %d", i)
                    .isCloseTo(tensorCase.path("scores").get(i).asDouble(), within(scoreTolerance));
            if (tensorCase.has("qmap_mean")) {
                assertThat(mean(output.qmap())).as("qmap mean %d", i)
                        .isCloseTo(tensorCase.path("qmap_mean").get(i).asDouble(), within(qmapTolerance));
            }
            if (tensorCase.has("qmap_l2")) {
                double expected = tensorCase.path("qmap_l2").get(i).asDouble();
                // Relative: an L2 norm over 32k values grows with the map, and so does float32 rounding.
                assertThat(l2(output.qmap())).as("qmap L2 %d", i)
                        .isCloseTo(expected, within(qmapTolerance * Math.max(1.0, Math.abs(expected))));
            }
        }
    }

    private static Path goldenFile(CachedModel model) {
        return model.directory().resolve("golden/golden.json");
    }

    /** Raw little-endian float32 in C order, split into one CHW array per batch item. */
    private static List<float[]> readBatch(Path file, JsonNode shape) throws IOException {
        int batch = shape.get(0).asInt();
        int perImage = shape.get(1).asInt() * shape.get(2).asInt() * shape.get(3).asInt();
        FloatBuffer floats = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        assertThat(floats.remaining()).as("floats in %s", file).isEqualTo(batch * perImage);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] image = new float[perImage];
            floats.get(image);
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
