package dev.dpiqa.robustness;

import java.util.Arrays;

/**
 * The sRGB transfer function of IEC 61966-2-1, exact (linear segment included, not a 2.2 gamma), for work in
 * linear light on 8-bit samples.
 */
final class SrgbTransfer {

    private static final float[] LINEAR = new float[256];
    /** {@code HALFWAY[k]}: the linear value whose encoding lies halfway between codes k and k + 1. */
    private static final double[] HALFWAY = new double[255];

    static {
        for (int code = 0; code < LINEAR.length; code++) {
            LINEAR[code] = (float) decode(code / 255.0);
        }
        for (int k = 0; k < HALFWAY.length; k++) {
            HALFWAY[k] = decode((k + 0.5) / 255.0);
        }
    }

    private SrgbTransfer() {
    }

    /** Encoded value in [0, 1] to linear light. */
    static double decode(double encoded) {
        return encoded <= 0.04045 ? encoded / 12.92 : Math.pow((encoded + 0.055) / 1.055, 2.4);
    }

    /** Linear light in [0, 1] to the encoded value. */
    static double encode(double linear) {
        return linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    static float toLinear(int code) {
        return LINEAR[code];
    }

    /**
     * {@code round(255 * encode(linear))}, clamped to [0, 255]: the encoding is monotonic, so the code is the number
     * of halfway points at or below {@code linear}, found without a {@code pow} per sample.
     */
    static int toCode(double linear) {
        int found = Arrays.binarySearch(HALFWAY, linear);
        return found >= 0 ? found + 1 : -found - 1;
    }
}
