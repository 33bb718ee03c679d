package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.evaluation.CorrelationReport;
import dev.dpiqa.evaluation.LabelsCsv;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ModelUnavailableException;
import dev.dpiqa.serving.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scores a labelled set with the serving student, as {@code dpiqa evaluate} does, for the Thresholds page: each
 * photo's predicted and human MOS, and SRCC/PLCC over them. The confusion of verdicts against the human MOS is the
 * page's own, recomputed as the reviewer moves the thresholds.
 */
@ApplicationScoped
public class SetEvaluator {

    /** The bytes of one labelled image. */
    @FunctionalInterface
    public interface Images {
        byte[] read(String image) throws IOException;
    }

    public record Row(String image, double mos, double predicted) {
    }

    public record Failure(String image, String reason) {
    }

    /** @param srcc and plcc null with fewer than two scored photos */
    public record Evaluation(String set, List<String> models, List<Row> rows, List<Failure> failures, Double srcc,
                             Double plcc, @JsonProperty("plcc_logistic") Double plccLogistic) {
    }

    private final ScoringEngine engine;

    public SetEvaluator(ScoringEngine engine) {
        this.engine = engine;
    }

    public Evaluation evaluate(String set, List<LabelsCsv.Label> labels, Images images)
            throws ModelUnavailableException, ModeUnavailableException {
        ImageScoringService service = engine.service();
        Map<LabelsCsv.Label, CompletableFuture<QualityScore>> scored = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (LabelsCsv.Label label : labels) { // all submitted before any is awaited, so the model batches them
            try {
                scored.put(label, service.score(images.read(label.image()), ScoringMode.STUDENT, false));
            } catch (IOException e) {
                failures.add(new Failure(label.image(), "unreadable: " + e.getMessage()));
            } catch (ImageRejectedException e) {
                failures.add(new Failure(label.image(), e.reason() + ": " + e.getMessage()));
            }
        }
        List<Row> rows = new ArrayList<>();
        TreeSet<String> models = new TreeSet<>();
        scored.forEach((label, future) -> {
            try {
                QualityScore score = future.join();
                rows.add(new Row(label.image(), label.mos(), score.mos()));
                models.add(score.model().toString());
            } catch (CompletionException e) {
                failures.add(new Failure(label.image(), "scoring failed: " + e.getCause()));
            }
        });
        if (rows.size() < 2) {
            return new Evaluation(set, List.copyOf(models), rows, failures, null, null, null);
        }
        CorrelationReport report = CorrelationReport.of(rows.stream().mapToDouble(Row::predicted).toArray(),
                rows.stream().mapToDouble(Row::mos).toArray());
        return new Evaluation(set, List.copyOf(models), rows, failures, finite(report.srcc()), finite(report.plcc()),
                finite(report.plccLogistic()));
    }

    /** JSON has no NaN: an undefined correlation (constant scores) is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
