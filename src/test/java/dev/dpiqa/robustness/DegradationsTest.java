package dev.dpiqa.robustness;

import dev.dpiqa.image.ModelInputResizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DegradationsTest {

    private static final int LEVELS = 5;
    private static final BufferedImage PHOTO = SamplePhoto.load("715.JPG", 320, 240);

    static List<String> kinds() {
        return Degradations.KINDS;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void keepsTheSizeLeavesLevelZeroAloneAndDegradesMoreAtEveryLevel(String kind) {
        Degradation degradation = Degradations.of(List.of(kind), LEVELS, 7, SamplePhoto.INTAKE).get(0);
        int[] before = Pixels.rgb(PHOTO);
        assertThat(degradation.apply(PHOTO, 0)).isSameAs(PHOTO);
        double previous = 0;
        for (int level = 1; level <= LEVELS; level++) {
            BufferedImage degraded = degradation.apply(PHOTO, level);
            assertThat(degraded.getWidth()).isEqualTo(PHOTO.getWidth());
            assertThat(degraded.getHeight()).isEqualTo(PHOTO.getHeight());
            assertThat(degraded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            double error = meanAbsoluteError(before, Pixels.rgb(degraded));
            assertThat(error).as("%s level %d", degradation.kind(), level).isGreaterThan(previous);
            previous = error;
        }
        assertThat(Pixels.rgb(PHOTO)).as("the photo itself is left alone").isEqualTo(before);
    }

    @Test
    void strengthsRunGeometricallyFromTheMildestToTheStrongest() {
        Degradation jpeg = new JpegCompression(5, SamplePhoto.INTAKE);
        assertThat(IntStream.rangeClosed(1, 5).mapToDouble(jpeg::strength).toArray())
                .containsExactly(new double[] {60, 32.2, 17.3, 9.3, 5}, within(0.05));
        assertThatThrownBy(() -> jpeg.apply(PHOTO, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void blurLooksAlikeOnAPhotoTwiceAsLarge() {
        BufferedImage large = SamplePhoto.load("715.JPG", 480, 480);
        BufferedImage small = halve(large);
        GaussianBlur blur = new GaussianBlur(LEVELS);
        // The large photo's radius is twice the small one's, so blurring commutes with halving.
        int[] blurredThenHalved = Pixels.rgb(halve(blur.apply(large, 4)));
        int[] halvedThenBlurred = Pixels.rgb(blur.apply(small, 4));
        assertThat(meanAbsoluteError(blurredThenHalved, halvedThenBlurred))
                .isLessThan(0.25 * meanAbsoluteError(Pixels.rgb(small), halvedThenBlurred));
    }

    @Test
    void extendedBoxesAddUpToTheGaussianVariance() {
        int n = 801;
        for (double sigma : new double[] {0.3, 1.0, 2.7, 10.0, 37.5}) {
            float[] impulse = new float[n];
            impulse[n / 2] = 1;
            GaussianBlur.ExtendedBox.withVariance(sigma * sigma / 3).blur(impulse, 0, 1, n, new float[n], new float[n]);
            double sum = 0;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                sum += impulse[i];
                variance += impulse[i] * (double) (i - n / 2) * (i - n / 2);
            }
            assertThat(sum).as("sigma %s", sigma).isCloseTo(1, within(1e-5));
            assertThat(variance).as("sigma %s", sigma).isCloseTo(sigma * sigma, within(1e-3 * sigma * sigma));
        }
    }

    @Test
    void noiseRepeatsWithItsSeedAndChangesWithAnother() {
        int[] first = Pixels.rgb(new SensorNoise(LEVELS, 42).apply(PHOTO, 3));
        assertThat(Pixels.rgb(new SensorNoise(LEVELS, 42).apply(PHOTO, 3))).isEqualTo(first);
        assertThat(Pixels.rgb(new SensorNoise(LEVELS, 43).apply(PHOTO, 3))).isNotEqualTo(first);
    }

    @Test
    void underexposureDarkensEverySampleAtEveryStep() {
        Underexposure underexposure = new Underexposure(LEVELS);
        int[] brighter = Pixels.rgb(PHOTO);
        for (int level = 1; level <= LEVELS; level++) {
            int[] darker = Pixels.rgb(underexposure.apply(PHOTO, level));
            for (int i = 0; i < darker.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertThat(darker[i] >> shift & 0xFF).isLessThanOrEqualTo(brighter[i] >> shift & 0xFF);
                }
            }
            assertThat(meanSample(darker)).as("level %d", level).isLessThan(meanSample(brighter));
            brighter = darker;
        }
    }

    @Test
    void oneStopHalvesLinearLightOnTheExactSrgbCurve() {
        BufferedImage white = Pixels.image(1, 1, new int[] {0xFFFFFF});
        // Linear 0.5 encodes to 0.7354, code 188; a plain 2.2 gamma would give 186.
        assertThat(Pixels.rgb(new Underexposure(LEVELS).degrade(white, 1.0))[0]).isEqualTo(188 * 0x010101);
    }

    @Test
    void srgbCodesRoundTripAndRoundAsTheCurveDoes() {
        for (int code = 0; code < 256; code++) {
            assertThat(SrgbTransfer.toCode(SrgbTransfer.toLinear(code))).isEqualTo(code);
        }
        for (int i = 0; i <= 100_000; i++) {
            double linear = i / 100_000.0;
            assertThat(SrgbTransfer.toCode(linear)).isEqualTo(Math.round(SrgbTransfer.encode(linear) * 255));
        }
        assertThat(SrgbTransfer.decode(0.5)).isCloseTo(0.2140411, within(1e-7));
        assertThat(SrgbTransfer.toCode(-0.2)).isZero();
        assertThat(SrgbTransfer.toCode(1.7)).isEqualTo(255);
    }

    @Test
    void unknownKindsAreNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Degradations.of(List.of("blur", "sharpen"), LEVELS, 0, SamplePhoto.INTAKE))
                .hasMessageContaining("'sharpen'").hasMessageContaining(String.join(", ", Degradations.KINDS));
    }

    private static BufferedImage halve(BufferedImage image) {
        int width = image.getWidth() / 2;
        int height = image.getHeight() / 2;
        return Pixels.fromChw(new ModelInputResizer(height, width).toChw(image), width, height);
    }

    private static double meanAbsoluteError(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((a[i] >> shift & 0xFF) - (b[i] >> shift & 0xFF));
            }
        }
        return sum / (3.0 * a.length);
    }

    private static double meanSample(int[] rgb) {
        return meanAbsoluteError(rgb, new int[rgb.length]);
    }
}
