package dev.dpiqa.image;

/**
 * The 1-D weight table of PyTorch's {@code interpolate(mode='bilinear', antialias=True, align_corners=False)}
 * (Pillow's triangle-filter resample): each output sample is a normalised triangle-weighted sum over a window of
 * input samples, the triangle widened by the scale when downsampling so every input pixel contributes.
 */
final class ResampleWeights {

    /** First input index of each output's window. */
    final int[] first;
    /** Window length of each output. */
    final int[] length;
    /** Row-major [outSize][stride] weights; only the first {@code length[i]} of row i are used. */
    final float[] weights;
    final int stride;

    private ResampleWeights(int[] first, int[] length, float[] weights, int stride) {
        this.first = first;
        this.length = length;
        this.weights = weights;
        this.stride = stride;
    }

    static ResampleWeights of(int inSize, int outSize) {
        if (inSize < 1 || outSize < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inSize + " -> " + outSize);
        }
        double scale = (double) inSize / outSize;
        double support = Math.max(scale, 1.0);   // bilinear support of 1, stretched by the scale when shrinking
        double filterScale = 1.0 / support;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] length = new int[outSize];
        float[] weights = new float[outSize * stride];
        double[] row = new double[stride];
        for (int i = 0; i < outSize; i++) {
            double center = scale * (i + 0.5);
            // (int) truncates toward zero exactly like PyTorch's int64_t cast, before clipping to the image.
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), inSize);
            double total = 0;
            for (int j = lo; j < hi; j++) {
                row[j - lo] = triangle((j - center + 0.5) * filterScale);
                total += row[j - lo];
            }
            for (int k = 0; k < hi - lo; k++) {
                weights[i * stride + k] = (float) (total == 0 ? 0 : row[k] / total);
            }
            first[i] = lo;
            length[i] = hi - lo;
        }
        return new ResampleWeights(first, length, weights, stride);
    }

    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }
}
