package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.serving.ModelCatalog;
import dev.dpiqa.serving.ModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the model cache, one JSON line per version (name, version, role, sha256, input size, metrics);",
                "serving: the version score and serve use (the configured one, pinned or newest).",
                "Folders skipped for a broken manifest are reported on stderr."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:listed (and, with --verify, every checksum matches)",
                "1:--verify found a checksum mismatch or a broken manifest"})
public class ModelsCommand implements Callable<Integer> {

    @Option(names = "--verify", description = "Hash every model file and compare it with its manifest's sha256.")
    boolean verify;

    private final ModelCatalog catalog;
    private final ObjectMapper json;

    public ModelsCommand(ModelCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        ModelCatalog.Listing listing = catalog.listConfigured(verify);
        for (ModelView model : listing.models()) {
            System.out.println(json.writeValueAsString(model));
        }
        listing.problems().forEach(problem -> System.err.println("skipped: " + problem));
        boolean mismatch = listing.models().stream().anyMatch(m -> Boolean.FALSE.equals(m.sha256Verified()));
        return verify && (mismatch || !listing.problems().isEmpty()) ? 1 : 0;
    }
}
