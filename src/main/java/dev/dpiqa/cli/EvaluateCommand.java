package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.evaluation.CorrelationReport;
import dev.dpiqa.evaluation.LabelsCsv;
import dev.dpiqa.evaluation.ScatterPlot;
import dev.dpiqa.scoring.service.ScoringMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score labelled images and report agreement with their MOS as one JSON object:",
                "PLCC (raw and after the 4-parameter logistic), SRCC, KRCC (tau-b), RMSE.",
                "Failed images are listed and left out of the metrics; any failure makes the exit code 1."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every image scored", "1:some images failed (metrics over the rest)",
                "2:usage error (e.g. a missing or unusable labels file)",
                "3:the models could not be loaded, or fewer than two images scored"})
public class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Directory the CSV's image names are relative to.")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "CSV (comma, semicolon or tab) with a header row naming the image and MOS columns; MOS 0-100.")
    Path labels;

    @Option(names = "--image-column", defaultValue = "image", description = "Column with the image file name (default: ${DEFAULT-VALUE}).")
    String imageColumn;

    @Option(names = "--mos-column", defaultValue = "mos", description = "Column with the MOS, on the model's 0-100 scale (default: ${DEFAULT-VALUE}).")
    String mosColumn;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also write a predicted-vs-MOS scatter plot with the fitted logistic.")
    Path plot;

    @ArgGroup(exclusive = true)
    ModeOptions mode;

    @Spec
    CommandSpec spec;

    private final BatchScoring scoring;
    private final ObjectMapper json;

    public EvaluateCommand(BatchScoring scoring, ObjectMapper json) {
        this.scoring = scoring;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        List<LabelsCsv.Label> labelled;
        try {
            labelled = LabelsCsv.read(labels, imageColumn, mosColumn);
        } catch (LabelsCsv.InvalidLabelsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ImageInputs.Input> inputs = labelled.stream()
                .map(label -> new ImageInputs.Input(label.image(), images.resolve(label.image())))
                .toList();
        ScoringMode scoringMode = ModeOptions.of(mode);
        List<Double> predicted = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        ObjectNode report = json.createObjectNode().put("mode", scoringMode.name().toLowerCase(Locale.ROOT));
        ArrayNode failures = report.putArray("failures");
        SortedSet<String> models = new TreeSet<>();
        boolean loaded = scoring.run(inputs, scoringMode, false, (index, outcome) -> {
            if (outcome.ok()) {
                predicted.add(outcome.result().mos());
                truth.add(labelled.get(index).mos());
                models.add(outcome.result().model().toString());
            } else {
                failures.addObject().put("input", outcome.input().label())
                        .put("reason", outcome.reason()).put("detail", outcome.detail());
            }
        });
        if (!loaded) {
            return 3;
        }
        if (predicted.size() < 2) {
            System.err.println("fewer than two images scored: no correlation to report");
            System.out.println(json.writeValueAsString(report));
            return 3;
        }
        double[] x = predicted.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = truth.stream().mapToDouble(Double::doubleValue).toArray();
        CorrelationReport metrics = CorrelationReport.of(x, y);
        report.putPOJO("models", models);
        report.put("count", metrics.count()).put("plcc", metrics.plcc()).put("plcc_logistic", metrics.plccLogistic())
                .put("srcc", metrics.srcc()).put("krcc", metrics.krcc())
                .put("rmse", metrics.rmse()).put("rmse_logistic", metrics.rmseLogistic());
        if (plot != null) {
            Files.write(plot, ScatterPlot.png(String.join(", ", models) + " on " + labels.getFileName(), x, y, metrics));
            report.put("plot", plot.toString());
        }
        System.out.println(json.writeValueAsString(report));
        return failures.isEmpty() ? 0 : 1;
    }
}
