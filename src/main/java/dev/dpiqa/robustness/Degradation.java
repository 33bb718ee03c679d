package dev.dpiqa.robustness;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One kind of degradation, in steps: level 0 is the photo itself, levels 1 to {@link #levels()} space the strength
 * geometrically from the mildest to the strongest, so each step is a like relative change. Works at the photo's own
 * resolution on {@link BufferedImage#TYPE_INT_RGB} pixels and returns that type, ready for the model resize.
 * Implemented here, independently of the training's degradation generator, so the two can check each other.
 */
public abstract class Degradation {

    private final String kind;
    private final String parameter;
    private final double mildest;
    private final double strongest;
    private final int levels;

    /**
     * @param parameter what the strength measures, as reports name it (e.g. {@code quality})
     * @param mildest   strength of level 1; may be larger than {@code strongest} (JPEG quality falls)
     */
    Degradation(String kind, String parameter, double mildest, double strongest, int levels) {
        if (levels < 1 || !(mildest > 0) || !(strongest > 0)) {
            throw new IllegalArgumentException(kind + ": need positive strengths and at least one level, got "
                    + mildest + ", " + strongest + ", " + levels);
        }
        this.kind = kind;
        this.parameter = parameter;
        this.mildest = mildest;
        this.strongest = strongest;
        this.levels = levels;
    }

    public final String kind() {
        return kind;
    }

    public final String parameter() {
        return parameter;
    }

    /** Degraded levels after level 0. */
    public final int levels() {
        return levels;
    }

    /** The strength of {@code level}, 1 to {@link #levels()}. */
    public final double strength(int level) {
        Objects.checkIndex(level - 1, levels);
        return levels == 1 ? strongest : mildest * Math.pow(strongest / mildest, (level - 1.0) / (levels - 1));
    }

    /** The photo at {@code level}: level 0 returns {@code photo} itself. */
    public final BufferedImage apply(BufferedImage photo, int level) {
        return level == 0 ? photo : degrade(photo, strength(level));
    }

    /** A new image of the photo's size and type; {@code photo} is left as it is. */
    abstract BufferedImage degrade(BufferedImage photo, double strength);
}
