package dev.dpiqa.robustness;

import java.awt.image.BufferedImage;

/**
 * Optical blur: a Gaussian whose standard deviation is a fraction of the photo's short side, so a level looks alike
 * on a 500 px and a 4000 px photo. Computed in linear light, where light from neighbouring points adds up, as three
 * extended box filters per axis (Gwosdek et al., <i>Theoretical foundations of Gaussian convolution by extended box
 * filtering</i>, 2011): the Gaussian's exact variance at any radius, for a constant cost per pixel.
 */
final class GaussianBlur extends Degradation {

    static final String KIND = "blur";
    private static final int PASSES = 3;

    GaussianBlur(int levels) {
        super(KIND, "sigma_per_short_side", 0.002, 0.02, levels);
    }

    @Override
    BufferedImage degrade(BufferedImage photo, double strength) {
        int width = photo.getWidth();
        int height = photo.getHeight();
        double sigma = strength * Math.min(width, height);
        ExtendedBox box = ExtendedBox.withVariance(sigma * sigma / PASSES);
        int[] rgb = Pixels.rgb(photo);
        int[] out = new int[rgb.length];
        float[] plane = new float[rgb.length];
        float[] line = new float[Math.max(width, height)];
        float[] scratch = new float[line.length];
        for (int shift = 16; shift >= 0; shift -= 8) {
            for (int i = 0; i < rgb.length; i++) {
                plane[i] = SrgbTransfer.toLinear(rgb[i] >> shift & 0xFF);
            }
            for (int y = 0; y < height; y++) {
                box.blur(plane, y * width, 1, width, line, scratch);
            }
            for (int x = 0; x < width; x++) {
                box.blur(plane, x, width, height, line, scratch);
            }
            for (int i = 0; i < rgb.length; i++) {
                out[i] |= SrgbTransfer.toCode(plane[i]) << shift;
            }
        }
        return Pixels.image(width, height, out);
    }

    /**
     * One pass: the mean of the {@code 2 * radius + 1} nearest samples, with the next sample out on either side
     * weighted {@code alpha} (0 to 1), which makes the variance continuous in the radius. Borders repeat the edge.
     */
    record ExtendedBox(int radius, double alpha) {

        static ExtendedBox withVariance(double variance) {
            int radius = (int) Math.floor((Math.sqrt(1 + 12 * variance) - 1) / 2);
            double inner = radius * (radius + 1) / 3.0; // the variance of the plain box of that radius
            double outer = (radius + 1.0) * (radius + 1.0);
            return new ExtendedBox(radius, (2 * radius + 1) * (variance - inner) / (2 * (outer - variance)));
        }

        /** {@value PASSES} passes over the {@code n} samples at {@code data[start + k * step]}, in place. */
        void blur(float[] data, int start, int step, int n, float[] line, float[] scratch) {
            for (int k = 0; k < n; k++) {
                line[k] = data[start + k * step];
            }
            float[] from = line;
            float[] to = scratch;
            for (int pass = 0; pass < PASSES; pass++) {
                apply(from, to, n);
                float[] swap = from;
                from = to;
                to = swap;
            }
            for (int k = 0; k < n; k++) {
                data[start + k * step] = from[k];
            }
        }

        void apply(float[] in, float[] out, int n) {
            double norm = 1 / (2 * radius + 1 + 2 * alpha);
            double sum = 0;
            for (int j = -radius; j <= radius; j++) {
                sum += in[clamp(j, n)];
            }
            for (int i = 0; i < n; i++) {
                float left = in[clamp(i - radius - 1, n)];
                float right = in[clamp(i + radius + 1, n)];
                out[i] = (float) ((sum + alpha * (left + right)) * norm);
                sum += right - in[clamp(i - radius, n)];
            }
        }

        private static int clamp(int index, int n) {
            return Math.min(Math.max(index, 0), n - 1);
        }
    }
}
