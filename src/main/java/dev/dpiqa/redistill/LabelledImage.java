package dev.dpiqa.redistill;

/**
 * A human quality label for one image, normalised to the MOS scale 0–100.
 *
 * @param raters how many people rated it (the label's weight of evidence, kept for lineage)
 * @param source who labelled it, e.g. a crowd-sourcing campaign
 */
public record LabelledImage(String assetId, String imageUri, double mos, int raters, String source) {
}
