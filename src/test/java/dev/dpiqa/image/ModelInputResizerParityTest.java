package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java decode + resize against the training preprocessing (Pillow decode, {@code F.interpolate} with antialias),
 * from the goldens in {@code src/test/resources/golden/resize/} written by the Python side.
 */
@Timeout(60)
class ModelInputResizerParityTest {

    private static final String DIR = "/golden/resize/";
    private static final double MAX_TOLERANCE = 1e-5;

    static Stream<JsonNode> cases() throws IOException {
        JsonNode index = new ObjectMapper().readTree(resource("resize.json"));
        assertThat(index.path("method").asText()).isEqualTo("bilinear_antialias");
        assertThat(index.path("tolerance").asDouble()).isPositive().isLessThanOrEqualTo(MAX_TOLERANCE);
        return StreamSupport.stream(index.path("cases").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonNode golden) throws Exception {
        int height = golden.path("height").asInt();
        int width = golden.path("width").asInt();
        DecodedImage decoded = new ImageIntake(IntakeLimits.defaults()).decode(resource(golden.path("image").asText()));
        float[] actual = new ModelInputResizer(height, width).toChw(decoded.image());
        float[] expected = littleEndianFloats(resource(golden.path("expected").asText()));
        assertThat(actual).hasSameSizeAs(expected);
        int worst = 0;
        for (int i = 1; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > Math.abs(actual[worst] - expected[worst])) {
                worst = i;
            }
        }
        assertThat((double) Math.abs(actual[worst] - expected[worst]))
                .as("max |java - torch| at flat index %d of [3,%d,%d]", worst, height, width)
                .isLessThanOrEqualTo(MAX_TOLERANCE);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelInputResizerParityTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("golden file %s%s (merge main if missing)", DIR, name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] littleEndianFloats(byte[] bytes) {
        float[] floats = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
        return floats;
    }
}
