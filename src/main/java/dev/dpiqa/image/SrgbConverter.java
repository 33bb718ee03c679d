package dev.dpiqa.image;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Brings whatever a decoder produced (grey, palette, 16-bit, CMYK, ICC-tagged, with alpha) to 8-bit sRGB
 * {@link BufferedImage#TYPE_INT_RGB}, alpha composited over white.
 */
final class SrgbConverter {

    private static final int WHITE = 255;

    private SrgbConverter() {
    }

    static BufferedImage toIntRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        boolean palette = model instanceof IndexColorModel;
        if (!palette && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromGray(image);
        }
        BufferedImage srgb = palette || model.getColorSpace().isCS_sRGB() ? image : convertToSrgb(image);
        return srgb.getColorModel().hasAlpha() ? compositeOverWhite(srgb) : drawOpaque(srgb);
    }

    /**
     * Grey samples are taken as display values and replicated, as image libraries do; Java2D would instead treat
     * its grey colour space as linear and brighten the mid-tones.
     */
    private static BufferedImage fromGray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        long grayMax = (1L << model.getComponentSize(0)) - 1;
        boolean alpha = model.hasAlpha();
        long alphaMax = alpha ? (1L << model.getComponentSize(1)) - 1 : 1;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] gray = new int[w];
        int[] alphas = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                int v = to8Bit(gray[x], grayMax);
                if (alpha) {
                    v = overWhite(v, to8Bit(alphas[x], alphaMax));
                }
                dst[y * w + x] = v << 16 | v << 8 | v;
            }
        }
        return out;
    }

    private static BufferedImage convertToSrgb(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(image, out);
        return out;
    }

    /** Java2D has fast native loops from the standard layouts (3BYTE_BGR, ...) to INT_RGB. */
    private static BufferedImage drawOpaque(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Exact integer compositing; Java2D's SrcOver rounds through 8-bit tables and can be off by one. */
    private static BufferedImage compositeOverWhite(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied ARGB whatever the source layout
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int r = overWhite(argb >> 16 & 0xFF, a);
                int g = overWhite(argb >> 8 & 0xFF, a);
                int b = overWhite(argb & 0xFF, a);
                dst[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    private static int overWhite(int value, int alpha) {
        return (value * alpha + WHITE * (255 - alpha) + 127) / 255;
    }

    private static int to8Bit(int sample, long max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }
}
