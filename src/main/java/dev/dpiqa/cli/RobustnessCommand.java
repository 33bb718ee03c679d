package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.robustness.Degradation;
import dev.dpiqa.robustness.DegradationSweep;
import dev.dpiqa.robustness.Degradations;
import dev.dpiqa.robustness.PhotoScores;
import dev.dpiqa.robustness.RobustnessReport;
import dev.dpiqa.scoring.service.ScoringMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = {"Degrade each photo in DIR in steps of growing strength (blur, JPEG, noise, underexposure, "
                + "downscale), score every step as score does, and print one JSON object: per kind, how steadily the "
                + "score falls.",
                "The figure is Spearman's rho between level and score, sign-flipped: +1 = the score falls at every "
                + "step, 0 = no trend (or no change), -1 = it rises at every step.",
                "Photos that cannot be read or scored are listed and left out of the figures."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every photo measured", "1:some photos failed (figures over the rest)",
                "2:usage error (no such directory, no images in it, unknown kind)",
                "3:the models could not be loaded, or no photo could be measured"})
public class RobustnessCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Directory of photos (its image files, recursively).")
    Path directory;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "Degradations to apply, comma-separated (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = Kinds.class)
    List<String> kinds;

    @Option(names = "--levels", paramLabel = "N", defaultValue = "5",
            description = "Degraded steps per kind after the unchanged photo, at least 2 (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the noise, so that runs repeat (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-images", paramLabel = "N", description = "Only the first N photos, in path order.")
    Integer maxImages;

    @ArgGroup(exclusive = true)
    ModeOptions mode;

    @Spec
    CommandSpec spec;

    private final BatchScoring scoring;
    private final ImageIntake intake;
    private final ObjectMapper json;

    public RobustnessCommand(BatchScoring scoring, ImageIntake intake, ObjectMapper json) {
        this.scoring = scoring;
        this.intake = intake;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        DegradationSweep sweep = new DegradationSweep(degradations());
        List<ImageInputs.Input> photos = photos();
        ScoringMode scoringMode = ModeOptions.of(mode);
        ObjectNode report = json.createObjectNode().put("mode", scoringMode.name().toLowerCase(Locale.ROOT))
                .put("levels", levels).put("seed", seed);
        ArrayNode failures = report.putArray("failures");
        Map<String, PhotoScores> measured = new LinkedHashMap<>();
        SortedSet<String> models = new TreeSet<>();
        boolean loaded = scoring.run(photos,
                (service, bytes) -> sweep.score(intake.decode(bytes), service.scorer(scoringMode)),
                (index, outcome) -> {
                    if (outcome.ok()) {
                        measured.put(outcome.input().label(), outcome.result());
                        models.addAll(outcome.result().models());
                    } else {
                        failures.addObject().put("input", outcome.input().label())
                                .put("reason", outcome.reason()).put("detail", outcome.detail());
                    }
                });
        if (!loaded) {
            return 3;
        }
        if (measured.isEmpty()) {
            System.err.println("no photo could be measured");
            System.out.println(json.writeValueAsString(report));
            return 3;
        }
        report.putPOJO("models", models).put("count", measured.size());
        report.setAll((ObjectNode) json.valueToTree(RobustnessReport.of(sweep.degradations(), measured)));
        System.out.println(json.writeValueAsString(report));
        return failures.isEmpty() ? 0 : 1;
    }

    private List<Degradation> degradations() {
        if (levels < 2) {
            throw usage("--levels must be at least 2, was " + levels);
        }
        try {
            return Degradations.of(kinds == null ? Degradations.KINDS : kinds, levels, seed, intake);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private List<ImageInputs.Input> photos() {
        if (maxImages != null && maxImages < 1) {
            throw usage("--max-images must be at least 1, was " + maxImages);
        }
        if (!Files.isDirectory(directory)) {
            throw usage("no such directory: " + directory);
        }
        List<ImageInputs.Input> photos;
        try {
            photos = ImageInputs.expand(List.of(directory.toString()));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return maxImages == null ? photos : photos.subList(0, Math.min(maxImages, photos.size()));
    }

    /** The kinds for picocli's help, which instantiates this class. */
    static final class Kinds extends ArrayList<String> {
        Kinds() {
            super(Degradations.KINDS);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
