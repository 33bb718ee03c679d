package dev.dpiqa.robustness;

import java.util.Map;
import java.util.Set;

/**
 * One photo's scores under every degradation.
 *
 * @param mosByKind per kind, the MOS at level 0 (the photo itself, the same for every kind) to its last level
 * @param models    the models that gave them ({@code name/version}; two if a new version arrived mid-photo)
 */
public record PhotoScores(int width, int height, Map<String, double[]> mosByKind, Set<String> models) {
}
