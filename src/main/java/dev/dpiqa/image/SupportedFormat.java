package dev.dpiqa.image;

import java.util.Arrays;
import java.util.Optional;

/** The image types we decode, keyed by the media type Tika detects from the bytes. */
enum SupportedFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    BMP("image/bmp", "bmp"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp"),
    TIFF("image/tiff", "tiff");

    final String mediaType;
    /** The ImageIO format name used to find a reader for exactly this type (never by content sniffing). */
    final String imageIoFormat;

    SupportedFormat(String mediaType, String imageIoFormat) {
        this.mediaType = mediaType;
        this.imageIoFormat = imageIoFormat;
    }

    static Optional<SupportedFormat> forMediaType(String mediaType) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(mediaType)).findFirst();
    }

    static String mediaTypes() {
        return Arrays.stream(values()).map(f -> f.mediaType).toList().toString();
    }
}
