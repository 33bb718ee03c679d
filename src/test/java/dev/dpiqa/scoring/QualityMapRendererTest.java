package dev.dpiqa.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QualityMapRendererTest {

    private final QualityMapRenderer renderer = new QualityMapRenderer(ColorMap.VIRIDIS);

    /** 8 channels whose mean rises left to right, from 0 in column 0 to 1 in the last column. */
    private static QualityMap horizontalRamp(int height, int width) {
        float[] values = new float[8 * height * width];
        for (int c = 0; c < 8; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    // Channels differ, but their mean is x / (width - 1).
                    float offset = (c % 2 == 0 ? 0.25f : -0.25f);
                    values[(c * height + y) * width + x] = (float) x / (width - 1) + offset;
                }
            }
        }
        return new QualityMap(8, height, width, values);
    }

    @Test
    void rendersTheChannelMeanAsAViridisHeatmap() throws Exception {
        BufferedImage png = decode(renderer.renderPng(horizontalRamp(64, 64)));

        assertThat(png.getWidth()).isEqualTo(64);
        assertThat(png.getHeight()).isEqualTo(64);
        assertThat(png.getRGB(0, 10) & 0xffffff).isEqualTo(0x440154);
        assertThat(png.getRGB(63, 10) & 0xffffff).isEqualTo(0xfde725);
        assertThat(png.getRGB(0, 0)).isEqualTo(png.getRGB(0, 63)); // constant down each column
    }

    @Test
    void upscalesToTheRequestedSize() throws Exception {
        BufferedImage png = decode(renderer.renderPng(horizontalRamp(64, 64), 256, 192));

        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(png.getHeight()).isEqualTo(192);
        assertThat(png.getRGB(0, 0) & 0xffffff).isEqualTo(0x440154);
        assertThat(png.getRGB(255, 191) & 0xffffff).isEqualTo(0xfde725);
        // Pixel centres align as in align_corners=False: output x 128 samples source x (128.5 * 64 / 256 - 0.5).
        assertThat(png.getRGB(128, 96) & 0xffffff).isEqualTo(ColorMap.VIRIDIS.rgb(31.625 / 63));
    }

    @Test
    void aFlatMapRendersAsTheLowEnd() throws Exception {
        BufferedImage png = decode(renderer.renderPng(new QualityMap(1, 4, 4, new float[16]), 8, 8));

        assertThat(png.getRGB(7, 7) & 0xffffff).isEqualTo(0x440154);
    }

    @Test
    void interpolatesBetweenAnchors() {
        ColorMap blackToWhite = new ColorMap(0x000000, 0xffffff);

        assertThat(blackToWhite.rgb(0.5)).isEqualTo(0x808080);
        assertThat(blackToWhite.rgb(-1)).isEqualTo(0x000000);
        assertThat(blackToWhite.rgb(2)).isEqualTo(0xffffff);
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
