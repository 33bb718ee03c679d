package dev.dpiqa.redistill;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Images whose quality label is a deterministic function of what the pixels show, so a student can learn it and
 * the held-set correlation improves for real: label = 15 + 70 × brightness, over seeded texture that varies
 * independently of brightness.
 */
public final class SyntheticImages {

    public static final int SIZE = 64;

    private SyntheticImages() {
    }

    /**
     * Brightness of image {@code index}, spread evenly over [0.1, 0.9] in a scrambled order (golden-ratio steps;
     * the first draws of {@code Random}s with neighbouring seeds are nearly equal, so those would not do).
     */
    public static double brightness(int index) {
        return 0.1 + 0.8 * ((index * 0.6180339887498949) % 1.0);
    }

    /** The label on the 0–100 MOS scale. */
    public static double mos(int index) {
        return 15 + 70 * brightness(index);
    }

    public static BufferedImage image(int index) {
        Random texture = new Random(index);
        double level = brightness(index);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int r = channel(level + (texture.nextDouble() - 0.5) * 0.2);
                int g = channel(level + (texture.nextDouble() - 0.5) * 0.2);
                int b = channel(level + (texture.nextDouble() - 0.5) * 0.2);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The same image as the student's CHW input in [0,1] (no resize needed at {@link #SIZE}). */
    public static float[] chw(int index) {
        BufferedImage image = image(index);
        int plane = SIZE * SIZE;
        float[] chw = new float[3 * plane];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = image.getRGB(x, y);
                chw[y * SIZE + x] = (rgb >> 16 & 0xff) / 255f;
                chw[plane + y * SIZE + x] = (rgb >> 8 & 0xff) / 255f;
                chw[2 * plane + y * SIZE + x] = (rgb & 0xff) / 255f;
            }
        }
        return chw;
    }

    private static int channel(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
