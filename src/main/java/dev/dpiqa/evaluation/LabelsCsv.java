package dev.dpiqa.evaluation;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A labels file: a header row naming the image and MOS columns, then one row per image, quoted fields allowed
 * (RFC 4180). Comma-separated, or separated by semicolons or tabs as spreadsheets write it where the decimal mark
 * is a comma (which the MOS may then use). MOS is on dpiqa's 0-100 scale: a file on another scale is refused, not
 * silently compared or trained on as if it were.
 */
public final class LabelsCsv {

    public record Label(String image, double mos) {
    }

    /** Why a labels file cannot be used, in words for the person who gave it. */
    public static final class InvalidLabelsException extends Exception {
        InvalidLabelsException(String message) {
            super(message);
        }
    }

    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final double MAX_MOS = 100;
    /** Every label at or below this: a 1-5 (or 0-5) rating scale, not a 0-100 MOS. */
    private static final double RATING_SCALE_TOP = 5;

    private LabelsCsv() {
    }

    public static List<Label> read(Path csv, String imageColumn, String mosColumn) throws InvalidLabelsException {
        String text = contents(csv);
        String header = text.lines().filter(line -> !line.isBlank()).findFirst()
                .orElseThrow(() -> new InvalidLabelsException(csv + " is empty: expected a header row such as "
                        + imageColumn + "," + mosColumn));
        List<Label> labels = new ArrayList<>();
        try {
            CSVFormat format = format(text, List.of(imageColumn, mosColumn)).orElseThrow(() ->
                    new InvalidLabelsException(csv + " has no columns '" + imageColumn + "' and '" + mosColumn
                            + "' in its header row: " + header + " (separate columns by commas, semicolons or tabs;"
                            + " --image-column and --mos-column name others)"));
            boolean decimalComma = !format.getDelimiterString().equals(",");
            try (CSVParser parser = format.parse(new StringReader(text))) {
                for (CSVRecord row : parser) {
                    String where = csv + " line " + parser.getCurrentLineNumber();
                    if (!row.isSet(imageColumn) || !row.isSet(mosColumn)) {
                        throw new InvalidLabelsException(where + " has " + row.size() + " fields, fewer than the"
                                + " header's");
                    }
                    labels.add(new Label(row.get(imageColumn), mos(row.get(mosColumn), decimalComma, where)));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new InvalidLabelsException(csv + " is not a well-formed CSV file: " + e.getMessage());
        }
        checkScale(csv, labels);
        return labels;
    }

    private static String contents(Path csv) throws InvalidLabelsException {
        try {
            return Files.readString(csv).replaceFirst("^\uFEFF", ""); // spreadsheets start UTF-8 files with a BOM
        } catch (NoSuchFileException e) {
            throw new InvalidLabelsException("no such labels file: " + csv);
        } catch (MalformedInputException e) {
            throw new InvalidLabelsException(csv + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidLabelsException("cannot read " + csv + ": " + e);
        }
    }

    /** The first delimiter whose reading of the header row names every column wanted. */
    private static Optional<CSVFormat> format(String text, List<String> columns) throws IOException {
        for (char delimiter : DELIMITERS) {
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            try (CSVParser parser = format.parse(new StringReader(text))) {
                if (parser.getHeaderNames().containsAll(columns)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    private static double mos(String field, boolean decimalComma, String where) throws InvalidLabelsException {
        String number = decimalComma ? field.replace(',', '.') : field;
        double mos;
        try {
            mos = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new InvalidLabelsException(where + ": MOS '" + field + "' is not a number");
        }
        if (!(mos >= 0 && mos <= MAX_MOS)) {
            throw new InvalidLabelsException(where + ": MOS " + field + " is outside dpiqa's 0-100 scale");
        }
        return mos;
    }

    private static void checkScale(Path csv, List<Label> labels) throws InvalidLabelsException {
        double max = labels.stream().mapToDouble(Label::mos).max().orElse(MAX_MOS);
        if (max <= RATING_SCALE_TOP) {
            throw new InvalidLabelsException(csv + ": every MOS is at most " + max + ", which looks like a 1-5 rating"
                    + " scale; dpiqa's MOS is 0-100. Rescale it first, e.g. (rating - 1) * 25 for ratings 1-5");
        }
    }
}
