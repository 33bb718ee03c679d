package dev.dpiqa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A labels file with a header row, e.g. {@code image,mos,...}; simple comma separation, no quoted commas. */
final class LabelsCsv {

    record Label(String image, double mos) {
    }

    private LabelsCsv() {
    }

    static List<Label> read(Path csv, String imageColumn, String mosColumn) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        List<String> header = fields(lines.get(0));
        int image = column(header, imageColumn, csv);
        int mos = column(header, mosColumn, csv);
        List<Label> labels = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            List<String> fields = fields(lines.get(row));
            if (fields.size() <= Math.max(image, mos)) {
                throw new IOException(csv + " line " + (row + 1) + " has " + fields.size() + " fields");
            }
            try {
                labels.add(new Label(fields.get(image), Double.parseDouble(fields.get(mos))));
            } catch (NumberFormatException e) {
                throw new IOException(csv + " line " + (row + 1) + ": MOS '" + fields.get(mos) + "' is not a number", e);
            }
        }
        return labels;
    }

    private static int column(List<String> header, String name, Path csv) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException(csv + " has no column '" + name + "' (header: " + header + ")");
        }
        return index;
    }

    private static List<String> fields(String line) {
        return Arrays.stream(line.split(",", -1)).map(f -> f.strip().replaceAll("^\"|\"$", "")).toList();
    }
}
