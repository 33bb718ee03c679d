package dev.dpiqa.redistill;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.evaluation.CorrelationReport;

/** A model's agreement with the held-out labels, as {@code dpiqa evaluate} reports it (MOS scale). */
public record HeldMetrics(int count, double plcc, @JsonProperty("plcc_logistic") double plccLogistic, double srcc,
                          double krcc, double rmse) {

    public static HeldMetrics of(CorrelationReport report) {
        return new HeldMetrics(report.count(), report.plcc(), report.plccLogistic(), report.srcc(), report.krcc(),
                report.rmse());
    }
}
