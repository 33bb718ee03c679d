package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.QualityOverlay;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ItemResult;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.scoring.service.ScoringMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score images and print one JSON line per input on stdout, in input order.",
                "A failed input prints {\"input\":...,\"error\":{\"reason\":...,\"detail\":...}} and makes the exit code 1."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every input scored", "1:at least one input failed",
                "2:usage error (e.g. a directory without images)",
                "3:the models could not be loaded"})
public class ScoreCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Image files, directories (their image files, recursively) or http(s):/file: URLs.")
    List<String> inputs;

    @ArgGroup(exclusive = true)
    ModeOptions mode;

    @Option(names = "--map", paramLabel = "DIR",
            description = "Write each image's quality heatmap as DIR/<name>.qmap.png, its file: URI in quality_map.")
    Path mapDir;

    @Option(names = "--overlay", paramLabel = "DIR",
            description = {"Write each image with its quality heatmap laid over it, at the image's size and with a",
                    "legend, as DIR/<name>.overlay.png, its file: URI in quality_overlay."})
    Path overlayDir;

    @Spec
    CommandSpec spec;

    /** One image's score, and its overlay PNG when asked for. */
    private record Scored(QualityScore score, byte[] overlay) {
    }

    private final BatchScoring scoring;
    private final QualityMapRenderer renderer;
    private final QualityOverlay overlay;
    private final ImageIntake intake;
    private final ObjectMapper json;

    public ScoreCommand(BatchScoring scoring, QualityMapRenderer renderer, QualityOverlay overlay, ImageIntake intake,
                        ObjectMapper json) {
        this.scoring = scoring;
        this.renderer = renderer;
        this.overlay = overlay;
        this.intake = intake;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        List<ImageInputs.Input> expanded;
        try {
            expanded = ImageInputs.expand(inputs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (Path dir : new Path[]{mapDir, overlayDir}) {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] failures = {0};
        Set<String> mapNames = new HashSet<>();
        Set<String> overlayNames = new HashSet<>();
        ScoringMode scoringMode = ModeOptions.of(mode);
        boolean withMap = mapDir != null || overlayDir != null;
        BatchScoring.Job<Scored> job = (service, bytes) -> {
            QualityScore score = service.score(bytes, scoringMode, withMap).join();
            return new Scored(score, overlayDir == null ? null
                    : overlay.renderPng(intake.decode(bytes).image(), score.qualityMap().orElseThrow()));
        };
        boolean loaded = scoring.run(expanded, job, (index, outcome) -> {
            String input = outcome.input().label();
            ItemResult line;
            if (outcome.ok()) {
                Scored scored = outcome.result();
                QualityReport report = QualityReport.of(scored.score());
                if (mapDir != null) {
                    report = report.withQualityMap(write(mapDir, ".qmap.png", input, mapNames,
                            renderer.renderPng(scored.score().qualityMap().orElseThrow())));
                }
                if (overlayDir != null) {
                    report = report.withQualityOverlay(write(overlayDir, ".overlay.png", input, overlayNames,
                            scored.overlay()));
                }
                line = ItemResult.scored(input, report);
            } else {
                failures[0]++;
                line = ItemResult.failed(input, outcome.reason(), outcome.detail());
            }
            out.println(json.writeValueAsString(line));
        });
        if (!loaded) {
            return 3;
        }
        out.flush();
        return failures[0] == 0 ? 0 : 1;
    }

    /** Writes {@code png} as DIR/<stem><suffix> under a name no other input took; returns its file: URI. */
    private static String write(Path dir, String suffix, String label, Set<String> taken, byte[] png)
            throws IOException {
        String stem = stem(label);
        String name = stem + suffix;
        for (int n = 2; !taken.add(name); n++) {
            name = stem + "." + n + suffix;
        }
        return Files.write(dir.resolve(name), png).toUri().toString();
    }

    /** The file name without directories, query or extension, safe as a file name. */
    private static String stem(String label) {
        String last = label.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        String stem = (dot > 0 ? last.substring(0, dot) : last).replaceAll("[^A-Za-z0-9._-]", "_");
        return stem.isEmpty() ? "image" : stem;
    }
}
