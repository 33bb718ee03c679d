package dev.dpiqa.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference values from SciPy 1.10.1 on the same numbers:
 * <pre>
 * import numpy as np; from scipy import stats; from scipy.optimize import curve_fit
 * pred = np.array([0.12, 0.25, 0.25, 0.31, 0.40, 0.47, 0.52, 0.52, 0.66, 0.71, 0.83, 0.90])
 * mos  = np.array([18.0, 22.5, 30.1, 27.4, 41.0, 48.2, 47.9, 55.0, 70.3, 68.8, 79.5, 81.0])
 * f = lambda x, b1, b2, b3, b4: (b1 - b2) / (1 + np.exp(-(x - b3) / abs(b4))) + b2
 * popt, _ = curve_fit(f, pred, mos, p0=[mos.max(), mos.min(), pred.mean(), pred.std()], maxfev=100000)
 * stats.pearsonr(pred, mos), stats.spearmanr(pred, mos), stats.kendalltau(pred, mos)   # tau-b
 * stats.pearsonr(f(pred, *popt), mos), np.sqrt(np.mean((f(pred, *popt) - mos) ** 2)), np.sqrt(np.mean((pred*100 - mos) ** 2))
 * a = [1, 2, 2, 3, 3, 3, 4]; b = [1, 1, 2, 2, 3, 4, 4]; stats.kendalltau(a, b), stats.spearmanr(a, b)
 * </pre>
 */
class CorrelationTest {

    private static final double[] PRED = {0.12, 0.25, 0.25, 0.31, 0.40, 0.47, 0.52, 0.52, 0.66, 0.71, 0.83, 0.90};
    private static final double[] MOS = {18.0, 22.5, 30.1, 27.4, 41.0, 48.2, 47.9, 55.0, 70.3, 68.8, 79.5, 81.0};

    @Test
    void matchesScipyOnTiedData() {
        CorrelationReport report = CorrelationReport.of(PRED, MOS);
        assertThat(report.plcc()).isCloseTo(0.9859152259657368, within(1e-12));
        assertThat(report.srcc()).isCloseTo(0.9684270140350553, within(1e-12));
        assertThat(report.krcc()).isCloseTo(0.8924133096001623, within(1e-12));
        assertThat(report.plccLogistic()).isCloseTo(0.9917278213052277, within(1e-6));
        assertThat(report.rmseLogistic()).isCloseTo(2.7200235763474514, within(1e-4));
        assertThat(report.mapping().b3()).isCloseTo(0.48652622, within(1e-4));
        assertThat(report.mapping().b4()).isCloseTo(0.16572726, within(1e-4));
        double[] scaled = java.util.Arrays.stream(PRED).map(p -> p * 100).toArray();
        assertThat(Correlation.rmse(scaled, MOS)).isCloseTo(4.340218888489382, within(1e-12));
    }

    @Test
    void tauBAndSpearmanCorrectForTiesOnBothSides() {
        double[] a = {1, 2, 2, 3, 3, 3, 4};
        double[] b = {1, 1, 2, 2, 3, 4, 4};
        assertThat(Correlation.krcc(a, b)).isCloseTo(0.8003267306650413, within(1e-12));
        assertThat(Correlation.srcc(a, b)).isCloseTo(0.8655446791269229, within(1e-12));
        assertThat(Correlation.ranks(a)).containsExactly(1, 2.5, 2.5, 5, 5, 5, 7);
    }

    @Test
    void monotoneRelationsGiveOneAndReversedMinusOne() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] cubed = {1, 8, 27, 64, 125, 216};
        double[] reversed = {6, 5, 4, 3, 2, 1};
        assertThat(Correlation.srcc(x, cubed)).isEqualTo(1.0);
        assertThat(Correlation.krcc(x, cubed)).isEqualTo(1.0);
        assertThat(Correlation.plcc(x, cubed)).isLessThan(1.0);
        assertThat(Correlation.srcc(x, reversed)).isEqualTo(-1.0);
        assertThat(Correlation.krcc(x, reversed)).isEqualTo(-1.0);
        assertThat(Correlation.plcc(x, reversed)).isCloseTo(-1.0, within(1e-15));
        assertThat(Correlation.rmse(x, x)).isZero();
    }

    @Test
    void logisticFitRecoversAnExactLogisticInEitherDirection() {
        LogisticMapping truth = new LogisticMapping(90, 10, 0.5, 0.1);
        double[] x = new double[25];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 24.0;
        }
        double[] y = truth.apply(x);
        LogisticMapping fitted = LogisticMapping.fit(x, y);
        assertThat(fitted.b1()).isCloseTo(90, within(1e-4));
        assertThat(fitted.b2()).isCloseTo(10, within(1e-4));
        assertThat(fitted.b3()).isCloseTo(0.5, within(1e-6));
        assertThat(fitted.b4()).isCloseTo(0.1, within(1e-6));

        double[] falling = java.util.Arrays.stream(y).map(v -> 100 - v).toArray();
        assertThat(Correlation.plccLogistic(x, falling)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void logisticFitOnIllPosedDataStopsAtItsBestPointInsteadOfThrowing() {
        // a step: five prediction levels, MOS jumping between two of them; the optimum lies at b4 -> 0, so
        // Levenberg-Marquardt never converges and must hand back the best point it reached
        double[] x = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
        double[] y = {10, 12, 11, 10, 12, 80, 81, 79, 80, 82};
        LogisticMapping fitted = LogisticMapping.fit(x, y);
        assertThat(java.util.stream.DoubleStream.of(fitted.b1(), fitted.b2(), fitted.b3(), fitted.b4())).allMatch(Double::isFinite);
        assertThat(fitted.b4()).isPositive();
        double startRmse = Correlation.rmse(new LogisticMapping(82, 10, 2, Math.sqrt(2)).apply(x), y);
        assertThat(Correlation.rmse(fitted.apply(x), y)).isLessThan(startRmse);

        double[] constant = {0.5, 0.5, 0.5};
        LogisticMapping flat = LogisticMapping.fit(constant, new double[]{1, 2, 3});
        assertThat(flat.apply(0.5)).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void undefinedCorrelationsAreNaNAndBadInputIsRefused() {
        double[] constant = {0.5, 0.5, 0.5};
        double[] y = {1, 2, 3};
        assertThat(Correlation.plcc(constant, y)).isNaN();
        assertThat(Correlation.krcc(constant, y)).isNaN();
        assertThatThrownBy(() -> Correlation.plcc(new double[]{1}, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Correlation.srcc(new double[]{1, 2}, new double[]{1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
