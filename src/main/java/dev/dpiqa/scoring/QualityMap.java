package dev.dpiqa.scoring;

/**
 * A model's spatial quality map: {@code channels} maps of {@code height x width}, flattened in C order.
 * Records with arrays compare by identity; compare {@link #values()} with {@code Arrays.equals} when needed.
 */
public record QualityMap(int channels, int height, int width, float[] values) {

    public QualityMap {
        if (values.length != channels * height * width) {
            throw new IllegalArgumentException(values.length + " values do not fill " + channels + "x" + height
                    + "x" + width);
        }
    }

    /** The per-pixel mean over channels, {@code height x width} in row-major order. */
    public float[] channelMean() {
        int plane = height * width;
        float[] mean = new float[plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                mean[i] += values[c * plane + i];
            }
        }
        for (int i = 0; i < plane; i++) {
            mean[i] /= channels;
        }
        return mean;
    }
}
