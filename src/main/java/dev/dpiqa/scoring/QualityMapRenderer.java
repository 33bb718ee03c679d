package dev.dpiqa.scoring;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Renders a quality map as a heatmap PNG: the mean over its channels, stretched to the map's own min–max (so
 * the picture shows where an image is worse, not how bad it is overall; the score says that), coloured with a
 * {@link ColorMap}, optionally upscaled bilinearly (on the values, before colouring) to overlay the image.
 */
public final class QualityMapRenderer {

    private final ColorMap colorMap;

    public QualityMapRenderer(ColorMap colorMap) {
        this.colorMap = colorMap;
    }

    /** At the map's own resolution (64×64 for the DP-IQA models). */
    public byte[] renderPng(QualityMap map) {
        return renderPng(map, map.width(), map.height());
    }

    public byte[] renderPng(QualityMap map, int width, int height) {
        return png(render(map, width, height));
    }

    /** The heatmap at {@code width x height}, stretched over the whole image whatever its aspect ratio. */
    public BufferedImage render(QualityMap map, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("heatmap size must be positive, got " + width + "x" + height);
        }
        float[] normalised = normalise(map.channelMean());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            double sourceY = sourceCoordinate(y, height, map.height());
            for (int x = 0; x < width; x++) {
                double sourceX = sourceCoordinate(x, width, map.width());
                image.setRGB(x, y, colorMap.rgb(bilinear(normalised, map.width(), map.height(), sourceX, sourceY)));
            }
        }
        return image;
    }

    public ColorMap colorMap() {
        return colorMap;
    }

    /** Stretches to [0,1]; a flat map has no "worse" region and renders as the low end. */
    private static float[] normalise(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        float[] normalised = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            normalised[i] = range > 0 ? (values[i] - min) / range : 0f;
        }
        return normalised;
    }

    /** Pixel-centre alignment (like align_corners=False), clamped to the source edge. */
    private static double sourceCoordinate(int target, int targetSize, int sourceSize) {
        double source = (target + 0.5) * sourceSize / targetSize - 0.5;
        return Math.min(sourceSize - 1.0, Math.max(0.0, source));
    }

    private static double bilinear(float[] plane, int width, int height, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = plane[y0 * width + x0] * (1 - fx) + plane[y0 * width + x1] * fx;
        double bottom = plane[y1 * width + x0] * (1 - fx) + plane[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
