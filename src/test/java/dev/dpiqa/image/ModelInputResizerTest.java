package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hand-computed cases of the triangle-filter resample; {@link ModelInputResizerParityTest} checks against PyTorch. */
@Timeout(60)
class ModelInputResizerTest {

    private static BufferedImage row(int... rgb) {
        BufferedImage image = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, rgb.length, 1, rgb, 0, rgb.length);
        return image;
    }

    @Test
    void sameSizeIsIdentityInChwOrder() {
        float[] chw = new ModelInputResizer(1, 2).toChw(row(0x102030, 0xFF8000));
        assertThat(chw).containsExactly(0x10 / 255f, 1f, 0x20 / 255f, 0x80 / 255f, 0x30 / 255f, 0f);
    }

    /** 3 → 1: the triangle spans the whole input with weights 2/3, 1, 2/3, normalised to 2/7, 3/7, 2/7. */
    @Test
    void downsamplingWidensTheTriangle() {
        float[] chw = new ModelInputResizer(1, 1).toChw(row(0xFF0000, 0x00FF00, 0x000000));
        assertThat(chw[0]).isCloseTo(2f / 7, within(1e-6f));
        assertThat(chw[1]).isCloseTo(3f / 7, within(1e-6f));
        assertThat(chw[2]).isZero();
    }

    /** 2 → 4 is plain bilinear with half-pixel centres, clamped at the edges: 0, 1/4, 3/4, 1. */
    @Test
    void upsamplingIsBilinear() {
        float[] chw = new ModelInputResizer(1, 4).toChw(row(0x000000, 0xFF0000));
        assertThat(new float[] {chw[0], chw[1], chw[2], chw[3]}).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f},
                within(1e-6f));
    }

    @Test
    void flatImageStaysFlatAtAnySize() {
        ModelInputResizer resizer = new ModelInputResizer(37, 53);
        for (BufferedImage image : new BufferedImage[] {TestImages.flat(301, 7, 0x336699), TestImages.flat(5, 4, 0x336699)}) {
            float[] chw = resizer.toChw(image);
            assertThat(chw).hasSize(3 * 37 * 53);
            int plane = 37 * 53;
            for (int i = 0; i < plane; i++) {
                assertThat(chw[i]).isCloseTo(0x33 / 255f, within(1e-6f));
                assertThat(chw[2 * plane + i]).isCloseTo(0x99 / 255f, within(1e-6f));
            }
        }
    }

    @Test
    void refusesOtherLayoutsAndSizes() {
        ModelInputResizer resizer = new ModelInputResizer(2, 2);
        assertThatThrownBy(() -> resizer.toChw(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelInputResizer(0, 384)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Guards against accidental per-pixel allocation or quadratic loops; the budget is loose for shared CI CPUs. */
    @Test
    void resizesThreeMegapixelsQuickly() {
        BufferedImage photo = TestImages.noise(2048, 1536, 1);
        ModelInputResizer resizer = new ModelInputResizer(384, 384);
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            resizer.toChw(photo);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("3 MP -> 384x384 resize: best of 5 %.1f ms%n", best / 1e6);
        assertThat(best / 1_000_000).isLessThan(400);
    }
}
