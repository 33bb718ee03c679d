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

    /**
     * Computed in float with the float/double promotions of PyTorch's {@code _compute_weights_aa} for float
     * tensors: weights computed in double drift from PyTorch by up to 2e-5 (e.g. 333 → 224), because the float
     * rounding of the window centres grows with the output index.
     */
    static ResampleWeights of(int inSize, int outSize) {
        if (inSize < 1 || outSize < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inSize + " -> " + outSize);
        }
        float scale = (float) inSize / outSize;
        boolean shrinking = scale >= 1f;
        float support = shrinking ? scale : 1f;    // bilinear support of 1, stretched by the scale when shrinking
        float invScale = shrinking ? (float) (1.0 / scale) : 1f;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] length = new int[outSize];
        float[] weights = new float[outSize * stride];
        for (int i = 0; i < outSize; i++) {
            float center = (float) (scale * (i + 0.5));
            // (int) truncates toward zero exactly like PyTorch's int64_t cast, before clipping to the image.
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), inSize);
            int row = i * stride;
            float total = 0f;
            for (int j = lo; j < hi; j++) {
                float w = triangle((float) (((float) j - center + 0.5) * invScale));
                weights[row + j - lo] = w;
                total += w;
            }
            for (int k = 0; k < hi - lo; k++) {
                weights[row + k] = total == 0f ? 0f : weights[row + k] / total;
            }
            first[i] = lo;
            length[i] = hi - lo;
        }
        return new ResampleWeights(first, length, weights, stride);
    }

    private static float triangle(float x) {
        float a = Math.abs(x);
        return a < 1f ? 1f - a : 0f;
    }
}
