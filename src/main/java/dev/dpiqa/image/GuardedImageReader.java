package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;
import static dev.dpiqa.image.ImageRejectedException.Reason.UNSUPPORTED_TYPE;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the first image of an encoded file with ImageIO, refusing it before any pixel is decoded when the header
 * declares too many pixels, and refusing it after decoding when the decoder warned of damage (see
 * {@link DecoderWarnings}).
 */
final class GuardedImageReader {

    static {
        // Registers the TwelveMonkeys readers (CMYK JPEG, WebP, ...) even when ImageIO was initialised by a
        // class loader that did not see them; they order themselves ahead of the JDK's readers.
        ImageIO.scanForPlugins();
    }

    private GuardedImageReader() {
    }

    static BufferedImage readFirstImage(byte[] bytes, SupportedFormat format, long maxPixels)
            throws ImageRejectedException {
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
            reader.setInput(input, false, false);
            PixelLimit.check(reader.getWidth(0), reader.getHeight(0), maxPixels);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            List<String> damaging = DecoderWarnings.damaging(warnings);
            if (!damaging.isEmpty()) {
                throw new ImageRejectedException(CORRUPT, "decoder warned, image is incomplete: " + damaging);
            }
            return image;
        } catch (IOException e) {
            throw new ImageRejectedException(CORRUPT, "cannot decode " + format.mediaType + ": " + describe(e), e);
        } catch (RuntimeException | Error e) {
            // Decoders fed hostile bytes fail in arbitrary ways (array bounds, negative sizes, OutOfMemoryError);
            // none of that is the caller's bug, so it is reported as a corrupt image rather than escaping.
            throw new ImageRejectedException(CORRUPT, "decoder failed on " + format.mediaType + ": " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(SupportedFormat format) throws ImageRejectedException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoFormat);
        if (!readers.hasNext()) {
            throw new ImageRejectedException(UNSUPPORTED_TYPE, "no ImageIO reader installed for " + format.mediaType);
        }
        return readers.next();
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
