package dev.dpiqa.robustness;

import dev.dpiqa.evaluation.Correlation;

import java.util.stream.IntStream;

/** How steadily a score falls as a degradation grows. */
public final class Monotonicity {

    private Monotonicity() {
    }

    /**
     * Spearman's rho between level (0, 1, 2, ...) and score, sign-flipped: +1 when the score falls at every step,
     * -1 when it rises at every step, 0 when it does not move at all (where rho is undefined).
     */
    public static double ofFall(double[] scoresByLevel) {
        double[] levels = IntStream.range(0, scoresByLevel.length).asDoubleStream().toArray();
        double rho = Correlation.srcc(levels, scoresByLevel);
        return Double.isNaN(rho) || rho == 0 ? 0 : -rho;
    }
}
