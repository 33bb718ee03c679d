package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.evaluation.LabelsCsv;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.redistill.DistillInputs;
import dev.dpiqa.redistill.DistillJob;
import dev.dpiqa.redistill.DistillReport;
import dev.dpiqa.redistill.LabelStore;
import dev.dpiqa.redistill.LabelledImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = DistillCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Re-distil the student once (the Kubernetes CronJob runs this): fine-tune it on the labels",
                "(the image-labels topic, or a CSV) and recent uploads with teacher targets, compare it with the",
                "serving version on held-out labels, and promote it to a new model-cache version only if it is not",
                "worse by more than dpiqa.distill.max-srcc-drop; a promotion is announced on model-updates.",
                "The JSON report goes to stdout, progress to stderr."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:promoted (or, with --rollback, rolled back)",
                "10:rejected by the gate: the serving version stays (not an error)",
                "1:failed (no labels, unreadable topic or models, training error)", "2:usage error"})
public class DistillCommand implements Callable<Integer> {

    static final String NAME = "distill";
    static final String LABELS_OPTION = "--labels";
    static final int REJECTED = 10;

    @Option(names = LABELS_OPTION, paramLabel = "CSV",
            description = "Labels from a CSV (as for evaluate) instead of the image-labels topic; runs without Kafka.")
    Path labels;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Directory the CSV's image names are relative to (default: the CSV's folder).")
    Path images;

    @Option(names = "--image-column", defaultValue = "image", description = "CSV column with the image file name (default: ${DEFAULT-VALUE}).")
    String imageColumn;

    @Option(names = "--mos-column", defaultValue = "mos", description = "CSV column with the MOS, 0-100 (default: ${DEFAULT-VALUE}).")
    String mosColumn;

    @Option(names = "--rollback", description = "Retire the newest student version and serve the one before it again.")
    boolean rollback;

    private final DistillJob job;
    private final LabelStore store;
    private final PipelineConfig pipeline;
    private final ObjectMapper json;

    public DistillCommand(DistillJob job, LabelStore store, PipelineConfig pipeline, ObjectMapper json) {
        this.job = job;
        this.store = store;
        this.pipeline = pipeline;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        if (rollback) {
            return rollback();
        }
        DistillReport report;
        try {
            report = labels != null ? job.run(fromCsv(), true, System.err::println)
                    : job.runFromStore(store, pipeline.fileUris(), System.err::println);
        } catch (LabelsCsv.InvalidLabelsException e) {
            report = DistillReport.failed(e.getMessage(), 0);
        } catch (RuntimeException e) {
            report = DistillReport.failed(e.toString(), 0);
        }
        System.out.println(json.writeValueAsString(report));
        return switch (report.outcome()) {
            case DistillReport.PROMOTED -> 0;
            case DistillReport.REJECTED -> REJECTED;
            default -> 1;
        };
    }

    private int rollback() throws IOException {
        try {
            System.out.println(json.writeValueAsString(job.rollback()));
            return 0;
        } catch (ModelException | IOException | RuntimeException e) {
            System.out.println(json.writeValueAsString(Map.of("outcome", DistillReport.FAILED,
                    "reasons", List.of(e.toString()))));
            return 1;
        }
    }

    /** Each CSV row as a label of its image file, the file name standing for the asset id. */
    private DistillInputs fromCsv() throws LabelsCsv.InvalidLabelsException {
        Path folder = images != null ? images : labels.toAbsolutePath().getParent();
        List<LabelledImage> rows = LabelsCsv.read(labels, imageColumn, mosColumn).stream()
                .map(row -> new LabelledImage(row.image(), folder.resolve(row.image()).toUri().toString(), row.mos(),
                        1, labels.getFileName().toString()))
                .toList();
        return new DistillInputs(rows, List.of(), labels + ": " + rows.size() + " labels");
    }
}
