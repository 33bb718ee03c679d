package dev.dpiqa.robustness;

import dev.dpiqa.image.ModelInputResizer;

import java.awt.image.BufferedImage;

/**
 * Lost resolution: shrunk by a factor with the model input's antialiased resampler, kept at 8 bits as a stored
 * copy would be, and stretched back (bilinear) to the photo's size.
 */
final class Downscale extends Degradation {

    static final String KIND = "downscale";

    Downscale(int levels) {
        super(KIND, "factor", 1.5, 12, levels);
    }

    @Override
    BufferedImage degrade(BufferedImage photo, double factor) {
        int width = photo.getWidth();
        int height = photo.getHeight();
        int smallWidth = Math.max(1, (int) Math.round(width / factor));
        int smallHeight = Math.max(1, (int) Math.round(height / factor));
        BufferedImage small = Pixels.fromChw(new ModelInputResizer(smallHeight, smallWidth).toChw(photo),
                smallWidth, smallHeight);
        return Pixels.fromChw(new ModelInputResizer(height, width).toChw(small), width, height);
    }
}
