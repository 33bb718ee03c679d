package dev.dpiqa.redistill;

/** A recent upload without a human label: the teacher's score and map are its targets. */
public record UnlabelledImage(String assetId, String imageUri) {
}
