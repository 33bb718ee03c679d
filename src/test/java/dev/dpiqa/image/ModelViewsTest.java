package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the views cut and how they stack, as {@code training/tests/test_preprocess.py} states them for Python; the
 * golden parity test replays a two-view fixture model on real files.
 */
class ModelViewsTest {

    private static final List<InputView> BOTH = List.of(InputView.WHOLE, InputView.NATIVE_CROP);

    /** Pixel (x, y) has red x, green y and blue x + y, so a window's position shows in its values. */
    private static BufferedImage ramp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x << 16 | y << 8 | (x + y));
            }
        }
        return image;
    }

    @Test
    void aNativeCropIsTheCentreWindowAtThePhotosOwnPixels() {
        float[] chw = new ModelViews(4, 5, List.of(InputView.NATIVE_CROP)).toChw(ramp(10, 7));

        // (10 - 5) / 2 = 2 columns and (7 - 4) / 2 = 1 row off the top-left, no resampling.
        assertThat(chw).hasSize(3 * 4 * 5);
        assertThat(chw[0]).isEqualTo(2 / 255f);
        assertThat(chw[4 * 5]).isEqualTo(1 / 255f);
        assertThat(chw[2 * 4 * 5 + 4 * 5 - 1]).isEqualTo((6 + 4) / 255f);
    }

    @Test
    void aPhotoSmallerThanTheWindowIsEnlargedWithItsAspectFirst() {
        BufferedImage small = ramp(20, 10);
        float[] enlarged = new ModelInputResizer(16, 32).toChw(small);

        float[] chw = new ModelViews(16, 16, List.of(InputView.NATIVE_CROP)).toChw(small);

        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                int from = (c * 16 + y) * 32 + 8;
                assertThat(Arrays.copyOfRange(chw, (c * 16 + y) * 16, (c * 16 + y + 1) * 16))
                        .containsExactly(Arrays.copyOfRange(enlarged, from, from + 16));
            }
        }
    }

    @Test
    void viewsStackAlongChannelsInTheManifestsOrder() {
        BufferedImage photo = ramp(50, 40);
        float[] whole = ModelViews.whole(16, 16).toChw(photo);
        float[] crop = new ModelViews(16, 16, List.of(InputView.NATIVE_CROP)).toChw(photo);

        float[] stacked = new ModelViews(16, 16, BOTH).toChw(photo);

        assertThat(Arrays.copyOfRange(stacked, 0, whole.length)).containsExactly(whole);
        assertThat(Arrays.copyOfRange(stacked, whole.length, stacked.length)).containsExactly(crop);
        assertThat(new ModelViews(16, 16, BOTH).channels()).isEqualTo(6);
    }

    @Test
    void refusesNoViewsRepeatedViewsAndEmptySizes() {
        assertThatThrownBy(() -> new ModelViews(16, 16, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelViews(16, 16, List.of(InputView.WHOLE, InputView.WHOLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> ModelViews.whole(0, 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
