package dev.dpiqa.image;

import java.util.List;
import java.util.Locale;

/**
 * Sorts ImageIO read warnings. Readers report a truncated or damaged JPEG only as a warning and fill the rest
 * with grey, so a warning means missing pixels unless it is one of the known advisories that leave every pixel
 * decoded: colour-profile notes (e.g. CMYK without an embedded profile) and junk after the last scan.
 */
final class DecoderWarnings {

    private DecoderWarnings() {
    }

    /** @return the warnings that mean the image is incomplete or damaged */
    static List<String> damaging(List<String> warnings) {
        return warnings.stream().filter(w -> !isAdvisory(w)).toList();
    }

    private static boolean isAdvisory(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("icc") || w.contains("extraneous bytes before marker 0xd9");
    }
}
