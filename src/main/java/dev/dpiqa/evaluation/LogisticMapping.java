package dev.dpiqa.evaluation;

import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.Pair;

import java.util.Arrays;

/**
 * The 4-parameter logistic {@code f(x) = (b1 - b2) / (1 + exp(-(x - b3) / |b4|)) + b2} that maps predicted
 * scores onto the MOS scale before PLCC and RMSE, so a monotone but non-linear predictor is not penalised.
 * Fitted on the squared error by Commons Math's Levenberg–Marquardt optimizer.
 */
public record LogisticMapping(double b1, double b2, double b3, double b4) {

    private static final int MAX_ITERATIONS = 500;
    private static final int MAX_EVALUATIONS = 5_000;
    private static final double TOLERANCE = 1e-12;

    /** f and its partial derivatives with respect to (b1, b2, b3, b4), for b4 > 0 or < 0 alike. */
    private static final ParametricUnivariateFunction LOGISTIC = new ParametricUnivariateFunction() {
        @Override
        public double value(double x, double... p) {
            return new LogisticMapping(p[0], p[1], p[2], p[3]).apply(x);
        }

        @Override
        public double[] gradient(double x, double... p) {
            double scale = Math.abs(p[3]);
            double z = (x - p[2]) / scale;
            double g = sigmoid(z);
            double slope = (p[0] - p[1]) * g * (1 - g);
            return new double[]{g, 1 - g, -slope / scale, -slope * z / scale * Math.signum(p[3])};
        }
    };

    public double apply(double x) {
        double z = (x - b3) / Math.abs(b4);
        return (b1 - b2) * sigmoid(z) + b2;
    }

    public double[] apply(double[] xs) {
        return Arrays.stream(xs).map(this::apply).toArray();
    }

    /**
     * Starts from the data's range (b1, b2 the MOS extremes, in the direction of the raw correlation), centre and
     * spread, which converges for well-behaved and degenerate inputs alike; never returns a fit worse than that start
     * (a fit that has not converged within the iteration cap returns the best point it reached).
     */
    public static LogisticMapping fit(double[] x, double[] y) {
        Correlation.check(x, y);
        double yMax = StatUtils.max(y);
        double yMin = StatUtils.min(y);
        double spread = Math.sqrt(StatUtils.populationVariance(x));
        boolean increasing = !(Correlation.plcc(x, y) < 0);
        double[] start = {increasing ? yMax : yMin, increasing ? yMin : yMax, StatUtils.mean(x),
                spread > 0 ? spread : 1};
        BestPoint best = new BestPoint(x, y, start);
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(y)
                .model(best)
                .maxIterations(MAX_ITERATIONS)
                .maxEvaluations(MAX_EVALUATIONS)
                .build();
        try {
            new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(TOLERANCE)
                    .withParameterRelativeTolerance(TOLERANCE)
                    .optimize(problem);
        } catch (MathIllegalStateException notConverged) {
            // a fit that keeps drifting (a step-like relation) stops at the iteration cap: keep the best point seen
        }
        return best.mapping();
    }

    /**
     * The logistic over all observations, with its Jacobian, for the optimizer; it remembers the lowest squared
     * error it has been asked about, so a fit cut short still returns the best point it reached.
     */
    private static final class BestPoint implements MultivariateJacobianFunction {
        private final double[] x;
        private final double[] y;
        private double[] bestParameters;
        private double bestError;

        BestPoint(double[] x, double[] y, double[] start) {
            this.x = x;
            this.y = y;
            this.bestParameters = start.clone();
            this.bestError = squaredError(x, y, start);
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] p = point.toArray();
            double[] values = new double[x.length];
            double[][] jacobian = new double[x.length][];
            double error = 0;
            for (int i = 0; i < x.length; i++) {
                values[i] = LOGISTIC.value(x[i], p);
                jacobian[i] = LOGISTIC.gradient(x[i], p);
                double d = y[i] - values[i];
                error += d * d;
            }
            if (error < bestError && p[3] != 0 && Arrays.stream(p).allMatch(Double::isFinite)) {
                bestError = error;
                bestParameters = p;
            }
            return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        }

        LogisticMapping mapping() {
            double[] p = bestParameters;
            return new LogisticMapping(p[0], p[1], p[2], Math.abs(p[3]));
        }
    }

    private static double squaredError(double[] x, double[] y, double[] p) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y[i] - LOGISTIC.value(x[i], p);
            sum += d * d;
        }
        return sum;
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
