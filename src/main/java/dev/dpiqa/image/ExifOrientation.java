package dev.dpiqa.image;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads the EXIF/TIFF orientation tag (1 to 8) of a JPEG or TIFF. Metadata is advisory: anything missing,
 * out of range or unparsable yields {@link #NORMAL}, so a garbage EXIF block never costs the image.
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    static int of(byte[] bytes, SupportedFormat format) {
        try {
            return switch (format) {
                case JPEG -> fromJpeg(bytes);
                case TIFF -> fromTiff(new ByteArrayImageInputStream(bytes));
                default -> NORMAL;
            };
        } catch (IOException | RuntimeException e) {
            return NORMAL;
        }
    }

    private static int fromJpeg(byte[] bytes) throws IOException {
        List<JPEGSegment> exif;
        try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
            exif = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
        }
        if (exif.isEmpty()) {
            return NORMAL;
        }
        try (InputStream data = exif.get(0).data()) {
            // The "Exif\0" identifier is followed by one pad byte before the TIFF structure.
            if (data.read() < 0) {
                return NORMAL;
            }
            return fromTiff(new MemoryCacheImageInputStream(data));
        }
    }

    private static int fromTiff(ImageInputStream tiff) throws IOException {
        try (tiff) {
            Directory directory = new TIFFReader().read(tiff);
            Directory firstIfd = directory instanceof CompoundDirectory compound ? compound.getDirectory(0) : directory;
            Entry entry = firstIfd.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry == null || !(entry.getValue() instanceof Number value)) {
                return NORMAL;
            }
            int orientation = value.intValue();
            return orientation >= 1 && orientation <= 8 ? orientation : NORMAL;
        }
    }
}
