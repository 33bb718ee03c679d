package dev.dpiqa.robustness;

import java.awt.image.BufferedImage;

/** Exposure cut by a number of stops: linear light halved per stop, through the exact sRGB transfer function. */
final class Underexposure extends Degradation {

    static final String KIND = "underexposure";

    Underexposure(int levels) {
        super(KIND, "stops", 0.5, 4, levels);
    }

    @Override
    BufferedImage degrade(BufferedImage photo, double stops) {
        double gain = Math.pow(2, -stops);
        int[] darker = new int[256];
        for (int code = 0; code < darker.length; code++) {
            darker[code] = SrgbTransfer.toCode(SrgbTransfer.toLinear(code) * gain);
        }
        return Pixels.mapSamples(photo, code -> darker[code]);
    }
}
