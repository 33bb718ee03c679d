package dev.dpiqa.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image ready for the model resize: 8-bit sRGB, {@link BufferedImage#TYPE_INT_RGB}, EXIF orientation
 * applied, alpha composited over white.
 *
 * @param image      upright RGB pixels
 * @param mediaType  the type detected from the bytes (e.g. {@code image/jpeg}), not from a file name
 * @param scaleDenominator 1, or 2, 4 or 8 for a JPEG decoded reduced by DCT scaling ({@link DecodeReduction})
 */
public record DecodedImage(BufferedImage image, String mediaType, int scaleDenominator) {

    /** At the size the file declares. */
    public DecodedImage(BufferedImage image, String mediaType) {
        this(image, mediaType, 1);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
