package dev.dpiqa.evaluation;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScatterPlotTest {

    @Test
    void writesADecodablePngWithPointsCurveAndTitle() throws Exception {
        double[] predicted = {0.1, 0.3, 0.5, 0.7, 0.9};
        double[] mos = {12, 30, 52, 69, 88};
        byte[] png = ScatterPlot.png("student vs MOS", predicted, mos, CorrelationReport.of(predicted, mos));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(640);
        assertThat(countPixels(image, 0, 800, 0, 60, rgb -> rgb != 0xFFFFFF)).as("title text").isPositive();
        assertThat(countPixels(image, 80, 770, 70, 570, ScatterPlotTest::isBluish)).as("points").isPositive();
        assertThat(countPixels(image, 80, 770, 70, 570, ScatterPlotTest::isReddish)).as("logistic curve").isGreaterThan(200);
    }

    private static boolean isBluish(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int b = rgb & 0xFF;
        return b > 150 && r < 150;
    }

    private static boolean isReddish(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        return r > 180 && g < 100;
    }

    private static int countPixels(BufferedImage image, int x0, int x1, int y0, int y1,
                                   java.util.function.IntPredicate match) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (match.test(image.getRGB(x, y) & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }
}
