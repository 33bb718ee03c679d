package dev.dpiqa.redistill;

import dev.dpiqa.evaluation.CorrelationReport;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.QualityModel;

import java.util.List;
import java.util.stream.IntStream;

/** Scores the held-out samples with one model and measures agreement with their labels, as {@code evaluate} does. */
public final class HeldSetEvaluator {

    private final int batchSize;

    public HeldSetEvaluator(int batchSize) {
        this.batchSize = batchSize;
    }

    public HeldMetrics evaluate(QualityModel model, SampleStore held) {
        double[] predicted = new double[held.size()];
        double[] mos = new double[held.size()];
        double scale = model.manifest().mosScale();
        for (int from = 0; from < held.size(); from += batchSize) {
            List<TrainingSample> batch = held.get(IntStream.range(from, Math.min(held.size(), from + batchSize))
                    .boxed().toList());
            List<ModelOutput> outputs = model.predict(batch.stream().map(TrainingSample::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                predicted[from + i] = outputs.get(i).score01() * scale;
                mos[from + i] = batch.get(i).label() * scale;
            }
        }
        return HeldMetrics.of(CorrelationReport.of(predicted, mos));
    }
}
