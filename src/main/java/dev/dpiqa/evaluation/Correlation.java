package dev.dpiqa.evaluation;

import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The IQA agreement measures between predicted scores and subjective MOS, computed by Apache Commons Math.
 * Undefined values (a constant input) come back as NaN, which compares false against any threshold.
 */
public final class Correlation {

    /** Ties share the mean of the ranks they span (SciPy's {@code rankdata} default); a NaN input is refused. */
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Correlation() {
    }

    /** Pearson linear correlation. */
    public static double plcc(double[] x, double[] y) {
        check(x, y);
        return new PearsonsCorrelation().correlation(x, y);
    }

    /** Pearson correlation after fitting the 4-parameter logistic from predictions to MOS (VQEG practice). */
    public static double plccLogistic(double[] predicted, double[] mos) {
        return plcc(LogisticMapping.fit(predicted, mos).apply(predicted), mos);
    }

    /** Spearman rank correlation; tied values get the average of their ranks. */
    public static double srcc(double[] x, double[] y) {
        check(x, y);
        return new SpearmansCorrelation(RANKING).correlation(x, y);
    }

    /** Kendall's tau-b, which corrects for ties on either side. */
    public static double krcc(double[] x, double[] y) {
        check(x, y);
        return new KendallsCorrelation().correlation(x, y);
    }

    /** Root mean squared difference. */
    public static double rmse(double[] x, double[] y) {
        check(x, y);
        return new EuclideanDistance().compute(x, y) / Math.sqrt(x.length);
    }

    /** 1-based ranks, ties sharing the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        return RANKING.rank(values);
    }

    static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("length mismatch: " + x.length + " vs " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + x.length);
        }
    }
}
