package dev.dpiqa.robustness;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Sensor noise in linear light, Poisson–Gaussian in its normal approximation: at linear level x the standard
 * deviation is {@code strength * sqrt((x + READ) / (1 + READ))}, shot noise growing with the signal over a read-noise
 * floor, so the strength is the deviation at white. Every level draws the same seeded normals, so a run repeats
 * exactly and a stronger level is the same grain, scaled.
 */
final class SensorNoise extends Degradation {

    static final String KIND = "noise";
    /** Read noise is 5% of the deviation at white. */
    private static final double READ = 0.0025;

    private final long seed;

    SensorNoise(int levels, long seed) {
        super(KIND, "linear_sigma_at_white", 0.01, 0.2, levels);
        this.seed = seed;
    }

    @Override
    BufferedImage degrade(BufferedImage photo, double strength) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = strength / Math.sqrt(1 + READ);
        return Pixels.mapSamples(photo, code -> {
            double x = SrgbTransfer.toLinear(code);
            return SrgbTransfer.toCode(x + scale * Math.sqrt(x + READ) * random.nextGaussian());
        });
    }
}
