package dev.dpiqa.image;

/**
 * Bounds on what {@link ImageIntake} accepts, checked before any pixel is decoded.
 *
 * @param maxBytes  largest encoded size accepted; at most {@link #MAX_ARRAY_BYTES} since the bytes are held in one array
 * @param maxPixels largest width × height a header may declare (decompression-bomb guard)
 */
public record IntakeLimits(long maxBytes, long maxPixels) {

    /** The largest array the JVM reliably allocates. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    public IntakeLimits {
        if (maxBytes < 1 || maxBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxBytes must be in [1, " + MAX_ARRAY_BYTES + "], was " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
    }

    /** 25 MB and 50 megapixels: a large phone photo fits, a 50 MP image decodes to 200 MB of ints at most. */
    public static IntakeLimits defaults() {
        return new IntakeLimits(25L * 1024 * 1024, 50_000_000L);
    }
}
