package dev.dpiqa.evaluation;

/**
 * All agreement measures for one prediction set, as the CLI prints them and the re-distillation gate compares them.
 * Predictions and MOS must be on the same scale for {@link #rmse()} to mean anything (scores ×100 for MOS 0–100).
 *
 * @param count         number of pairs
 * @param plcc          Pearson on the raw predictions
 * @param plccLogistic  Pearson after the fitted 4-parameter logistic
 * @param srcc          Spearman, ties averaged
 * @param krcc          Kendall tau-b
 * @param rmse          on the raw predictions
 * @param rmseLogistic  after the fitted logistic, in MOS units
 * @param mapping       the fitted logistic
 */
public record CorrelationReport(int count, double plcc, double plccLogistic, double srcc, double krcc,
                                double rmse, double rmseLogistic, LogisticMapping mapping) {

    public static CorrelationReport of(double[] predicted, double[] mos) {
        LogisticMapping mapping = LogisticMapping.fit(predicted, mos);
        double[] mapped = mapping.apply(predicted);
        return new CorrelationReport(predicted.length,
                Correlation.plcc(predicted, mos), Correlation.plcc(mapped, mos),
                Correlation.srcc(predicted, mos), Correlation.krcc(predicted, mos),
                Correlation.rmse(predicted, mos), Correlation.rmse(mapped, mos), mapping);
    }
}
