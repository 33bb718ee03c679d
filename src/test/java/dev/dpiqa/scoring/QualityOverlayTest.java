package dev.dpiqa.scoring;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

class QualityOverlayTest {

    private final QualityOverlay overlay = new QualityOverlay(new QualityMapRenderer(ColorMap.VIRIDIS));

    @Test
    void laysTheMapOverThePhotoAtItsOwnSizeWithALegend() throws Exception {
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                photo.setRGB(x, y, 0x808080);
            }
        }
        float[] ramp = new float[64 * 64]; // worse on the left, better on the right
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i % 64;
        }
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(overlay.renderPng(photo,
                new QualityMap(1, 64, 64, ramp))));

        assertThat(out.getWidth()).isEqualTo(300);
        assertThat(out.getHeight()).isEqualTo(200);
        // Top right, away from the legend: half grey, half viridis yellow.
        assertThat(out.getRGB(299, 0) & 0xffffff).isEqualTo(mix(0x808080, 0xfde725));
        assertThat(out.getRGB(0, 0) & 0xffffff).isEqualTo(mix(0x808080, 0x440154));
        // The legend sits in the bottom-left corner on a dark box.
        int corner = out.getRGB(6, 200 - 10);
        assertThat(((corner >> 16) & 0xff) + ((corner >> 8) & 0xff) + (corner & 0xff)).isLessThan(3 * 0x50);
    }

    private static int mix(int a, int b) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            rgb |= (int) Math.round(((a >> shift) & 0xff) * 0.5 + ((b >> shift) & 0xff) * 0.5) << shift;
        }
        return rgb;
    }
}
