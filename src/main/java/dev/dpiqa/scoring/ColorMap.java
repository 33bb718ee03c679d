package dev.dpiqa.scoring;

/**
 * A colour map from [0,1] to sRGB, linear between evenly spaced anchor colours.
 * {@link #VIRIDIS} is perceptually uniform and readable with colour-vision deficiency, unlike rainbow maps that
 * invent edges where the quality changes smoothly.
 */
public final class ColorMap {

    /** matplotlib's viridis at 0, 0.25, 0.5, 0.75, 1: dark purple = low quality, yellow = high. */
    public static final ColorMap VIRIDIS = new ColorMap(0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725);

    private final int[] anchors;

    public ColorMap(int... anchorsRgb) {
        if (anchorsRgb.length < 2) {
            throw new IllegalArgumentException("a colour map needs at least two anchors");
        }
        this.anchors = anchorsRgb.clone();
    }

    /** 0xRRGGBB for {@code t}, clamped to [0,1]. */
    public int rgb(double t) {
        double position = Math.min(1.0, Math.max(0.0, t)) * (anchors.length - 1);
        int low = Math.min((int) position, anchors.length - 2);
        double fraction = position - low;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int from = (anchors[low] >> shift) & 0xff;
            int to = (anchors[low + 1] >> shift) & 0xff;
            rgb |= (int) Math.round(from + (to - from) * fraction) << shift;
        }
        return rgb;
    }
}
