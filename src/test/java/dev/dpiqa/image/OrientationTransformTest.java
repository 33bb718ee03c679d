package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All eight EXIF orientations on a stored 3×2 image {@code 1 2 3 / 4 5 6}; the expected upright images are written
 * out by hand from the EXIF definitions (e.g. 6 = stored sideways, turn 90° clockwise).
 */
class OrientationTransformTest {

    private static final BufferedImage STORED = image(3, 2, "1 2 3 4 5 6");

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 3, 2, 1 2 3 4 5 6",
            "2, 3, 2, 3 2 1 6 5 4",
            "3, 3, 2, 6 5 4 3 2 1",
            "4, 3, 2, 4 5 6 1 2 3",
            "5, 2, 3, 1 4 2 5 3 6",
            "6, 2, 3, 4 1 5 2 6 3",
            "7, 2, 3, 6 3 5 2 4 1",
            "8, 2, 3, 3 6 2 5 1 4"})
    void turnsUpright(int orientation, int width, int height, String uprightPixels) {
        BufferedImage upright = OrientationTransform.upright(STORED, orientation);
        assertThat(upright.getWidth()).isEqualTo(width);
        assertThat(upright.getHeight()).isEqualTo(height);
        assertThat(upright.getRGB(0, 0, width, height, null, 0, width))
                .containsExactly(image(width, height, uprightPixels).getRGB(0, 0, width, height, null, 0, width));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9})
    void refusesValuesOutsideExif(int orientation) {
        assertThatThrownBy(() -> OrientationTransform.upright(STORED, orientation))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Pixel values are small numbers (blue channel) in row-major order. */
    private static BufferedImage image(int width, int height, String rowMajor) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        String[] values = rowMajor.split(" ");
        for (int i = 0; i < values.length; i++) {
            image.setRGB(i % width, i / width, Integer.parseInt(values[i]));
        }
        return image;
    }
}
