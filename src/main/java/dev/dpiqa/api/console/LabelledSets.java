package dev.dpiqa.api.console;

import dev.dpiqa.evaluation.LabelsCsv;
import dev.dpiqa.pipeline.local.SampleUploads;
import dev.dpiqa.review.ReviewConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled photo sets the Thresholds page can pick: the bundled sample photos, and the folders named by
 * {@code dpiqa.console.labelled-sets}, each a {@code mos.csv} (columns image, mos on 0-100) beside its photos.
 */
@ApplicationScoped
public class LabelledSets {

    static final String SAMPLES = "samples";
    private static final String LABELS_FILE = "mos.csv";

    /** A set as the page offers it. */
    public record SetInfo(String id, String name) {
    }

    /** A set's labels, with the folder its image names are relative to. */
    public record LabelledSet(String name, List<LabelsCsv.Label> labels, Path folder) {

        /** The image file of a label; a name that climbs out of the folder is refused. */
        public Path image(String name) throws IOException {
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder.normalize())) {
                throw new IOException(name + " lies outside the set's folder");
            }
            return file;
        }
    }

    private final List<Path> folders;
    private LabelledSet samples;

    public LabelledSets(ReviewConfig config) {
        this.folders = config.labelledSets().orElse(List.of());
    }

    public List<SetInfo> list() {
        List<SetInfo> sets = new ArrayList<>(List.of(new SetInfo(SAMPLES, "Bundled samples (LIVE In the Wild, 8 photos)")));
        for (int i = 0; i < folders.size(); i++) {
            sets.add(new SetInfo(Integer.toString(i), folders.get(i).getFileName().toString()));
        }
        return sets;
    }

    public LabelledSet get(String id) throws LabelsCsv.InvalidLabelsException {
        if (SAMPLES.equals(id)) {
            return samples();
        }
        int index;
        try {
            index = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= folders.size()) {
            throw new NotFoundException("no labelled set " + id);
        }
        Path folder = folders.get(index);
        return new LabelledSet(folder.getFileName().toString(),
                LabelsCsv.read(folder.resolve(LABELS_FILE), "image", "mos"), folder);
    }

    /** The bundled photos, copied out of the application once, as they are read like any folder. */
    private synchronized LabelledSet samples() {
        if (samples == null) {
            try {
                Path folder = Files.createTempDirectory("dpiqa-console-samples");
                folder.toFile().deleteOnExit();
                List<LabelsCsv.Label> labels = SampleUploads.extractBundled(folder).entrySet().stream()
                        .map(e -> new LabelsCsv.Label(e.getKey(), e.getValue())).toList();
                labels.forEach(label -> folder.resolve(label.image()).toFile().deleteOnExit());
                samples = new LabelledSet(SAMPLES, labels, folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the bundled samples", e);
            }
        }
        return samples;
    }
}
