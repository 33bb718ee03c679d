package dev.dpiqa.robustness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MonotonicityTest {

    @Test
    void isPlusOneWhenTheScoreFallsAtEveryStepAndMinusOneWhenItRises() {
        assertThat(Monotonicity.ofFall(new double[] {71, 64.5, 52, 40, 39.9, 12})).isEqualTo(1.0);
        assertThat(Monotonicity.ofFall(new double[] {12, 39.9, 40, 52, 64.5, 71})).isEqualTo(-1.0);
    }

    @Test
    void isZeroNotMinusZeroWhenTheScoreDoesNotMove() {
        assertThat(Monotonicity.ofFall(new double[] {50, 50, 50, 50, 50, 50})).isEqualTo(0.0);
        assertThat(Monotonicity.ofFall(new double[] {50, 60, 40, 40, 60, 50})).isEqualTo(0.0);
    }

    @Test
    void oneStepBackCostsWhatSpearmanSays() {
        // Level ranks 1..6 against score ranks 6, 4, 5, 3, 2, 1: the squared rank differences sum to 68.
        double rho = 1 - 6 * 68 / (6 * (6 * 6 - 1.0));
        assertThat(Monotonicity.ofFall(new double[] {70, 60, 62, 40, 30, 10})).isCloseTo(-rho, within(1e-12));
    }
}
