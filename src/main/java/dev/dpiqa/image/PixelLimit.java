package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;
import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_PIXELS;

/** The decompression-bomb guard: the size a header declares, checked before any pixel is decoded. */
final class PixelLimit {

    private PixelLimit() {
    }

    static void check(long width, long height, long maxPixels) throws ImageRejectedException {
        if (width < 1 || height < 1) {
            throw new ImageRejectedException(CORRUPT, "header declares an empty image " + width + "x" + height);
        }
        if (width * height > maxPixels) {
            throw new ImageRejectedException(TOO_MANY_PIXELS,
                    "header declares " + width + "x" + height + " = " + width * height + " pixels, limit is " + maxPixels);
        }
    }
}
