package dev.dpiqa.robustness;

import dev.dpiqa.image.ImageIntake;

import java.util.List;

/** The kinds of degradation by name. */
public final class Degradations {

    /** Every kind, in the order reports list them. */
    public static final List<String> KINDS = List.of(GaussianBlur.KIND, JpegCompression.KIND, SensorNoise.KIND,
            Underexposure.KIND, Downscale.KIND);

    private Degradations() {
    }

    /**
     * @param levels degraded steps per kind after the unchanged photo
     * @param seed   of the noise
     * @param intake decodes the JPEG re-encodings, as it decodes uploads
     * @throws IllegalArgumentException for an unknown kind, naming the known ones
     */
    public static List<Degradation> of(List<String> kinds, int levels, long seed, ImageIntake intake) {
        return kinds.stream().distinct().map(kind -> switch (kind) {
            case GaussianBlur.KIND -> new GaussianBlur(levels);
            case JpegCompression.KIND -> new JpegCompression(levels, intake);
            case SensorNoise.KIND -> new SensorNoise(levels, seed);
            case Underexposure.KIND -> new Underexposure(levels);
            case Downscale.KIND -> new Downscale(levels);
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; the kinds are "
                    + String.join(", ", KINDS));
        }).map(Degradation.class::cast).toList();
    }
}
