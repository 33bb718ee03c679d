package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serving's decode for a model that allows reduced decoding against the training preprocessing's (Pillow's
 * {@code draft()}, the same libjpeg-turbo), from the goldens in {@code src/test/resources/golden/decode/} written by
 * {@code training/scripts/make_decode_golden.py}: the same scale, size, orientation and pixels.
 */
@Timeout(60)
class ReducedDecodeParityTest {

    private static final String DIR = "/golden/decode/";
    private static final ImageIntake INTAKE = new ImageIntake(IntakeLimits.defaults());

    @BeforeAll
    static void turboJpegIsInstalled() {
        assertThat(TurboJpeg.AVAILABLE).as("libturbojpeg (Debian: libturbojpeg0; .ci/run installs it)").isTrue();
    }

    static Stream<JsonNode> cases() throws IOException {
        return StreamSupport.stream(index().path("cases").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesThePixelsPillowDecodes(JsonNode golden) throws IOException, ImageRejectedException {
        JsonNode reduction = index().path("decode_reduction");
        assertThat(reduction.path("method").asText()).isEqualTo(DecodeReduction.JPEG_DCT_SCALING);
        int side = golden.path("input_side").asInt();
        ModelViews input = new ModelViews(side, side, List.of(InputView.WHOLE),
                new DecodeReduction(reduction.path("min_short_side_ratio").asInt()));

        DecodedImage decoded = INTAKE.decode(resource(golden.path("image").asText()), input);
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(resource(golden.path("expected").asText())));

        assertThat(decoded.scaleDenominator()).isEqualTo(golden.path("denominator").asInt());
        assertThat(decoded.width()).isEqualTo(expected.getWidth());
        assertThat(decoded.height()).isEqualTo(expected.getHeight());
        int worst = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                worst = Math.max(worst, channelDifference(decoded.image().getRGB(x, y), expected.getRGB(x, y)));
            }
        }
        assertThat(worst).as("largest channel difference, Java - Pillow").isLessThanOrEqualTo(
                index().path("tolerance").asInt());
    }

    private static int channelDifference(int a, int b) {
        int worst = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            worst = Math.max(worst, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return worst;
    }

    private static JsonNode index() throws IOException {
        return new ObjectMapper().readTree(resource("decode.json"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReducedDecodeParityTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("golden file %s%s", DIR, name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
