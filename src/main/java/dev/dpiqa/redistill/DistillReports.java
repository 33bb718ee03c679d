package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The report of each model's latest re-distillation run, kept in the model cache
 * ({@code <root>/.reports/<name>/latest.json}, out of the registry's sight) so that every instance, and the
 * reviewer console, can show what the last run did, whether the CronJob, the CLI or the scheduler ran it.
 */
public final class DistillReports {

    private static final Logger LOG = Logger.getLogger(DistillReports.class);
    private static final String FOLDER = ".reports";
    private static final String LATEST = "latest.json";

    private final Path root;
    private final ObjectMapper json;

    public DistillReports(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    /** Replaces the model's latest report in one rename; a cache that cannot take it is logged, not fatal. */
    public void save(String model, DistillReport report) {
        ObjectNode saved = json.valueToTree(report);
        saved.put("finished_at", Instant.now().toString());
        try {
            Path folder = Files.createDirectories(root.resolve(FOLDER).resolve(model));
            Path staged = Files.createTempFile(folder, LATEST, ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(staged.toFile(), saved);
            Files.move(staged, folder.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("cannot keep the re-distillation report in %s: %s", root, e.toString());
        }
    }

    public Optional<JsonNode> latest(String model) {
        Path file = root.resolve(FOLDER).resolve(model).resolve(LATEST);
        try {
            return Files.exists(file) ? Optional.of(json.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", file, e.toString());
            return Optional.empty();
        }
    }
}
