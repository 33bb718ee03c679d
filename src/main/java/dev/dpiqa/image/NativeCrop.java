package dev.dpiqa.image;

import java.awt.image.BufferedImage;

/**
 * {@link InputView#NATIVE_CROP}: the centre {@code height x width} window at the photo's own pixels, as
 * {@code preprocess.native_crop} cuts it. A photo smaller than the window is first enlarged by
 * {@link ModelInputResizer} (aspect kept, sides rounded half up) so that it covers the window.
 */
final class NativeCrop {

    private NativeCrop() {
    }

    static float[] toChw(BufferedImage image, int height, int width) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + image.getType());
        }
        int inH = image.getHeight();
        int inW = image.getWidth();
        if (inH >= height && inW >= width) {
            int[] pixels = (int[]) image.getRaster().getDataElements((inW - width) / 2, (inH - height) / 2,
                    width, height, null);
            return ModelInputResizer.planar(pixels);
        }
        double scale = Math.max((double) height / inH, (double) width / inW);
        int enlargedH = Math.max(height, (int) Math.floor(inH * scale + 0.5));
        int enlargedW = Math.max(width, (int) Math.floor(inW * scale + 0.5));
        float[] enlarged = new ModelInputResizer(enlargedH, enlargedW).toChw(image);
        return window(enlarged, enlargedH, enlargedW, height, width);
    }

    /** The centre window of planar CHW floats. */
    private static float[] window(float[] chw, int inH, int inW, int height, int width) {
        int top = (inH - height) / 2;
        int left = (inW - width) / 2;
        float[] out = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(chw, (c * inH + top + y) * inW + left, out, (c * height + y) * width, width);
            }
        }
        return out;
    }
}
