package dev.dpiqa.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Turns a stored image upright according to its EXIF orientation (1 to 8). */
final class OrientationTransform {

    /** Where displayed pixel (x, y) is stored: sx = xx*x + xy*y + x0, sy = yx*x + yy*y + y0. */
    private record SourceMapping(int xx, int xy, int x0, int yx, int yy, int y0) {
    }

    private OrientationTransform() {
    }

    /**
     * @param image       a {@link BufferedImage#TYPE_INT_RGB} image as stored
     * @param orientation the EXIF orientation tag value; 1 returns {@code image} itself
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == ExifOrientation.NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        SourceMapping m = mapping(orientation, w, h);
        int[] src = (int[]) image.getRaster().getDataElements(0, 0, w, h, null);
        boolean swapsAxes = orientation >= 5;
        int outW = swapsAxes ? h : w;
        int outH = swapsAxes ? w : h;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx = m.xx * x + m.xy * y + m.x0;
                int sy = m.yx * x + m.yy * y + m.y0;
                dst[y * outW + x] = src[sy * w + sx];
            }
        }
        return out;
    }

    private static SourceMapping mapping(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new SourceMapping(-1, 0, w - 1, 0, 1, 0);      // mirrored horizontally
            case 3 -> new SourceMapping(-1, 0, w - 1, 0, -1, h - 1); // rotated 180°
            case 4 -> new SourceMapping(1, 0, 0, 0, -1, h - 1);      // mirrored vertically
            case 5 -> new SourceMapping(0, 1, 0, 1, 0, 0);           // transposed
            case 6 -> new SourceMapping(0, 1, 0, -1, 0, h - 1);      // needs 90° clockwise
            case 7 -> new SourceMapping(0, -1, w - 1, -1, 0, h - 1); // transversed
            case 8 -> new SourceMapping(0, -1, w - 1, 1, 0, 0);      // needs 90° counter-clockwise
            default -> throw new IllegalArgumentException("EXIF orientation must be 1..8, was " + orientation);
        };
    }
}
