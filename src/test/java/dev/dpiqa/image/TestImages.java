package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;

/** Builds and encodes test images in memory, so no binary fixtures are committed. */
final class TestImages {

    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;
    static final int WHITE = 0xFFFFFF;
    static final int BLACK = 0x000000;

    private TestImages() {
    }

    /** Four flat quadrants: big enough blocks that JPEG keeps their colours at the centres. */
    static BufferedImage quadrants(int width, int height, int topLeft, int topRight, int bottomLeft, int bottomRight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                image.setRGB(x, y, top ? (left ? topLeft : topRight) : (left ? bottomLeft : bottomRight));
            }
        }
        return image;
    }

    static BufferedImage flat(int width, int height, int rgb) {
        return quadrants(width, height, rgb, rgb, rgb, rgb);
    }

    /** Incompressible content, so the entropy-coded data spans most of the file and truncation hits pixels. */
    static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        return write(writer, new IIOImage(image, null, null));
    }

    static byte[] write(ImageWriter writer, IIOImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] firstPart(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void assertRgb(BufferedImage image, int x, int y, int expectedRgb) {
        assertRgbNear(image, x, y, expectedRgb, 0);
    }

    /** Per-channel tolerance, for lossy codecs. */
    static void assertRgbNear(BufferedImage image, int x, int y, int expectedRgb, int tolerance) {
        int actual = image.getRGB(x, y) & 0xFFFFFF;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = actual >> shift & 0xFF;
            int e = expectedRgb >> shift & 0xFF;
            assertThat(Math.abs(a - e))
                    .as("pixel (%d,%d) is %06X, expected %06X ± %d", x, y, actual, expectedRgb, tolerance)
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
