package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ItemResult;
import dev.dpiqa.scoring.service.QualityReport;
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

    @Spec
    CommandSpec spec;

    private final BatchScoring scoring;
    private final QualityMapRenderer renderer;
    private final ObjectMapper json;

    public ScoreCommand(BatchScoring scoring, QualityMapRenderer renderer, ObjectMapper json) {
        this.scoring = scoring;
        this.renderer = renderer;
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
        if (mapDir != null) {
            Files.createDirectories(mapDir);
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] failures = {0};
        Set<String> mapNames = new HashSet<>();
        boolean loaded = scoring.run(expanded, ModeOptions.of(mode), mapDir != null, (index, outcome) -> {
            String input = outcome.input().label();
            ItemResult line;
            if (outcome.ok()) {
                QualityReport report = QualityReport.of(outcome.result());
                if (mapDir != null) {
                    report = report.withQualityMap(writeMap(outcome, mapNames).toUri().toString());
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

    private Path writeMap(Outcome<QualityScore> outcome, Set<String> taken) throws IOException {
        QualityScore score = outcome.result();
        String stem = stem(outcome.input().label());
        String name = stem + ".qmap.png";
        for (int n = 2; !taken.add(name); n++) {
            name = stem + "." + n + ".qmap.png";
        }
        Path file = mapDir.resolve(name);
        Files.write(file, renderer.renderPng(score.qualityMap().orElseThrow()));
        return file;
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
