package dev.dpiqa.image;

import org.apache.tika.Tika;

/** Detects the real type of upload from its magic bytes; a file name or declared Content-Type is never consulted. */
final class ImageTypeDetector {

    // Loading Tika's MIME repository takes a while; one instance is thread-safe and shared.
    private static final Tika TIKA = new Tika();

    private ImageTypeDetector() {
    }

    static SupportedFormat detect(byte[] bytes) throws ImageRejectedException {
        String detected = TIKA.detect(bytes);
        return SupportedFormat.forMediaType(detected).orElseThrow(() -> new ImageRejectedException(
                ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                "detected type " + detected + " is not a supported image type " + SupportedFormat.mediaTypes()));
    }
}
