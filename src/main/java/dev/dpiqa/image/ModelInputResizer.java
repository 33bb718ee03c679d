package dev.dpiqa.image;

import java.awt.image.BufferedImage;

/**
 * Squeezes an RGB image to the model's input size and lays it out as float CHW in [0, 1], exactly as the Python
 * side does: {@code x = uint8 / 255} then
 * {@code F.interpolate(x, size=(H, W), mode='bilinear', align_corners=False, antialias=True)}.
 * The aspect ratio is not kept (the manifest's {@code keep_aspect: false}). Thread-safe.
 */
public final class ModelInputResizer {

    private static final float[] UNIT = unitLookup();

    private final int height;
    private final int width;

    /**
     * @param height the manifest's {@code input.height}
     * @param width  the manifest's {@code input.width}
     */
    public ModelInputResizer(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, was " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /**
     * @param image a {@link BufferedImage#TYPE_INT_RGB} image, as {@link DecodedImage#image()} holds
     * @return {@code 3 * height * width} floats: the R plane, then G, then B, each row-major
     */
    public float[] toChw(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + image.getType());
        }
        int inW = image.getWidth();
        int inH = image.getHeight();
        int[] pixels = (int[]) image.getRaster().getDataElements(0, 0, inW, inH, null);
        // Horizontal pass first, then vertical, in the order PyTorch (and Pillow) apply them.
        float[] rows = resizeRows(pixels, inW, inH, ResampleWeights.of(inW, width));
        return resizeColumns(rows, inH, ResampleWeights.of(inH, height));
    }

    /** @return planar [3][inH][width] floats */
    private float[] resizeRows(int[] pixels, int inW, int inH, ResampleWeights wx) {
        int plane = inH * width;
        float[] out = new float[3 * plane];
        for (int y = 0; y < inH; y++) {
            int rowStart = y * inW;
            for (int x = 0; x < width; x++) {
                int base = x * wx.stride;
                int from = rowStart + wx.first[x];
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < wx.length[x]; k++) {
                    int p = pixels[from + k];
                    float w = wx.weights[base + k];
                    r += UNIT[p >> 16 & 0xFF] * w;
                    g += UNIT[p >> 8 & 0xFF] * w;
                    b += UNIT[p & 0xFF] * w;
                }
                int o = y * width + x;
                out[o] = r;
                out[plane + o] = g;
                out[2 * plane + o] = b;
            }
        }
        return out;
    }

    private float[] resizeColumns(float[] rows, int inH, ResampleWeights wy) {
        int inPlane = inH * width;
        int outPlane = height * width;
        float[] out = new float[3 * outPlane];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int outRow = c * outPlane + y * width;
                int base = y * wy.stride;
                for (int k = 0; k < wy.length[y]; k++) {
                    float w = wy.weights[base + k];
                    int inRow = c * inPlane + (wy.first[y] + k) * width;
                    for (int x = 0; x < width; x++) {
                        out[outRow + x] += rows[inRow + x] * w;
                    }
                }
            }
        }
        return out;
    }

    /** Packed RGB pixels as planar CHW floats in [0, 1], the same {@code uint8 / 255} as the resize reads. */
    static float[] planar(int[] pixels) {
        int plane = pixels.length;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            out[i] = UNIT[p >> 16 & 0xFF];
            out[plane + i] = UNIT[p >> 8 & 0xFF];
            out[2 * plane + i] = UNIT[p & 0xFF];
        }
        return out;
    }

    private static float[] unitLookup() {
        float[] unit = new float[256];
        for (int v = 0; v < 256; v++) {
            unit[v] = v / 255f;
        }
        return unit;
    }
}
