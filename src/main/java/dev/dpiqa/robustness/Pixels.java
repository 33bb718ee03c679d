package dev.dpiqa.robustness;

import java.awt.image.BufferedImage;
import java.util.function.IntUnaryOperator;

/** Packed {@link BufferedImage#TYPE_INT_RGB} pixels in and out of the degradations. */
final class Pixels {

    private Pixels() {
    }

    /** A copy of the image's pixels, {@code 0xRRGGBB} row by row. */
    static int[] rgb(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + image.getType());
        }
        return (int[]) image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), null);
    }

    static BufferedImage image(int width, int height, int[] rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, width, height, rgb);
        return image;
    }

    /** Each 8-bit sample through {@code op}, red, green then blue of each pixel in row order. */
    static BufferedImage mapSamples(BufferedImage photo, IntUnaryOperator op) {
        int[] rgb = rgb(photo);
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            rgb[i] = op.applyAsInt(p >> 16 & 0xFF) << 16 | op.applyAsInt(p >> 8 & 0xFF) << 8 | op.applyAsInt(p & 0xFF);
        }
        return image(photo.getWidth(), photo.getHeight(), rgb);
    }

    /** Planar RGB in [0, 1] (as {@link dev.dpiqa.image.ModelInputResizer} makes it), rounded to 8 bits. */
    static BufferedImage fromChw(float[] chw, int width, int height) {
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = to8Bit(chw[i]) << 16 | to8Bit(chw[plane + i]) << 8 | to8Bit(chw[2 * plane + i]);
        }
        return image(width, height, rgb);
    }

    private static int to8Bit(float unit) {
        return Math.min(255, Math.max(0, Math.round(unit * 255)));
    }
}
