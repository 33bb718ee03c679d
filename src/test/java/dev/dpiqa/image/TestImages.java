package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;

/** Builds and encodes test images in memory, so no binary fixtures are committed. */
public final class TestImages {

    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;
    static final int WHITE = 0xFFFFFF;
    static final int BLACK = 0x000000;

    private TestImages() {
    }

    /** Four flat quadrants: big enough blocks that JPEG keeps their colours at the centres. */
    public static BufferedImage quadrants(int width, int height, int topLeft, int topRight, int bottomLeft, int bottomRight) {
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

    public static BufferedImage flat(int width, int height, int rgb) {
        return quadrants(width, height, rgb, rgb, rgb, rgb);
    }

    /** Incompressible content, so the entropy-coded data spans most of the file and truncation hits pixels. */
    public static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        return write(format, writer -> writer.write(new IIOImage(image, null, null)));
    }

    /** An animated GIF with one frame per image. */
    static byte[] gifSequence(BufferedImage... frames) {
        return write("gif", writer -> {
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        });
    }

    @FunctionalInterface
    interface WriterAction {
        void writeWith(ImageWriter writer) throws IOException;
    }

    /** Runs {@code action} on the first ImageIO writer for {@code format}, writing to memory. */
    static byte[] write(String format, WriterAction action) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            action.writeWith(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static int frameCount(byte[] bytes, String format) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format).next();
        try (var stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(stream);
            return reader.getNumImages(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    public static byte[] firstPart(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    public static byte[] randomBytes(int length, long seed) {
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
