package dev.dpiqa.evaluation;

import java.util.Arrays;

/**
 * The 4-parameter logistic {@code f(x) = (b1 - b2) / (1 + exp(-(x - b3) / |b4|)) + b2} that maps predicted
 * scores onto the MOS scale before PLCC and RMSE, so a monotone but non-linear predictor is not penalised.
 * Fitted by Levenberg–Marquardt on the squared error.
 */
public record LogisticMapping(double b1, double b2, double b3, double b4) {

    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-12;

    public double apply(double x) {
        double z = (x - b3) / Math.abs(b4);
        return (b1 - b2) * sigmoid(z) + b2;
    }

    public double[] apply(double[] xs) {
        return Arrays.stream(xs).map(this::apply).toArray();
    }

    /**
     * Starts from the data's range (b1, b2 the MOS extremes, in the direction of the raw correlation), centre and
     * spread, which converges for well-behaved and degenerate inputs alike; never returns a fit worse than that start.
     */
    public static LogisticMapping fit(double[] x, double[] y) {
        Correlation.check(x, y);
        double yMax = Arrays.stream(y).max().orElseThrow();
        double yMin = Arrays.stream(y).min().orElseThrow();
        double spread = Math.sqrt(Arrays.stream(x).map(v -> v - Correlation.mean(x)).map(v -> v * v).sum() / x.length);
        boolean increasing = !(Correlation.plcc(x, y) < 0);
        double[] start = {increasing ? yMax : yMin, increasing ? yMin : yMax, Correlation.mean(x),
                spread > 0 ? spread : 1};
        double[] best = levenbergMarquardt(x, y, start);
        return new LogisticMapping(best[0], best[1], best[2], Math.abs(best[3]));
    }

    private static double[] levenbergMarquardt(double[] x, double[] y, double[] start) {
        double[] p = start.clone();
        double error = squaredError(x, y, p);
        double lambda = 1e-3;
        for (int iteration = 0; iteration < MAX_ITERATIONS && lambda < 1e12; iteration++) {
            double[][] jtj = new double[4][4];
            double[] jtr = new double[4];
            for (int i = 0; i < x.length; i++) {
                double[] gradient = gradient(x[i], p);
                double residual = y[i] - of(p).apply(x[i]);
                for (int a = 0; a < 4; a++) {
                    jtr[a] += gradient[a] * residual;
                    for (int b = 0; b < 4; b++) {
                        jtj[a][b] += gradient[a] * gradient[b];
                    }
                }
            }
            for (int a = 0; a < 4; a++) {
                jtj[a][a] += lambda * Math.max(jtj[a][a], 1e-12);
            }
            double[] step = solve(jtj, jtr);
            if (step == null) {
                lambda *= 10;
                continue;
            }
            double[] candidate = new double[4];
            for (int a = 0; a < 4; a++) {
                candidate[a] = p[a] + step[a];
            }
            double candidateError = squaredError(x, y, candidate);
            if (candidateError < error) {
                boolean converged = error - candidateError <= TOLERANCE * (1 + error);
                p = candidate;
                error = candidateError;
                lambda = Math.max(lambda / 10, 1e-12);
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
            }
        }
        return p;
    }

    /** Partial derivatives of f at x with respect to (b1, b2, b3, b4), for b4 > 0 or < 0 alike. */
    private static double[] gradient(double x, double[] p) {
        double scale = Math.abs(p[3]);
        double z = (x - p[2]) / scale;
        double g = sigmoid(z);
        double slope = (p[0] - p[1]) * g * (1 - g);
        return new double[]{g, 1 - g, -slope / scale, -slope * z / scale * Math.signum(p[3])};
    }

    private static double squaredError(double[] x, double[] y, double[] p) {
        LogisticMapping mapping = of(p);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y[i] - mapping.apply(x[i]);
            sum += d * d;
        }
        return sum;
    }

    private static LogisticMapping of(double[] p) {
        return new LogisticMapping(p[0], p[1], p[2], p[3]);
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Gaussian elimination with partial pivoting; null when the system is singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-300) {
                return null;
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = m[row][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[row][k] -= factor * m[col][k];
                }
            }
        }
        double[] solution = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * solution[k];
            }
            solution[row] = sum / m[row][row];
        }
        return solution;
    }
}
