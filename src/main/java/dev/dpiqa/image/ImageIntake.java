package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;
import static dev.dpiqa.image.ImageRejectedException.Reason.EMPTY;
import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_BYTES;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns untrusted upload bytes into a {@link DecodedImage}, or a typed {@link ImageRejectedException}.
 *
 * <p>Order matters for hostile input: byte limit, then type from magic bytes (and, for PNG, every chunk's CRC),
 * then the pixel count the header declares, and only then pixel decoding. Thread-safe.
 *
 * <p>A large JPEG may be decoded reduced for a model that allows it ({@link #decode(byte[], ModelViews)}); one that
 * does not decode cleanly that way goes through the ImageIO path, so its result or error is the full decode's.
 */
public final class ImageIntake {

    private static final int READ_CHUNK = 64 * 1024;

    private final IntakeLimits limits;

    public ImageIntake(IntakeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public IntakeLimits limits() {
        return limits;
    }

    /** At full size. */
    public DecodedImage decode(byte[] bytes) throws ImageRejectedException {
        return decode(bytes, 0);
    }

    /**
     * No larger than {@code input} needs: a large JPEG reduced by DCT scaling as far as the model's
     * {@link DecodeReduction} allows ({@link DecodedImage#scaleDenominator()}), anything else at full size.
     */
    public DecodedImage decode(byte[] bytes, ModelViews input) throws ImageRejectedException {
        return decode(bytes, input.minDecodedShortSide());
    }

    private DecodedImage decode(byte[] bytes, long minDecodedShortSide) throws ImageRejectedException {
        if (bytes.length == 0) {
            throw new ImageRejectedException(EMPTY, "no bytes");
        }
        if (bytes.length > limits.maxBytes()) {
            throw tooManyBytes(bytes.length + " bytes");
        }
        SupportedFormat format = ImageTypeDetector.detect(bytes);
        if (format == SupportedFormat.PNG) {
            PngChunks.verify(bytes);
        }
        if (format == SupportedFormat.JPEG) {
            Optional<DecodedImage> reduced = ReducedJpegDecoder.decode(bytes, minDecodedShortSide, limits.maxPixels());
            if (reduced.isPresent()) {
                return reduced.get();
            }
        }
        BufferedImage decoded = GuardedImageReader.readFirstImage(bytes, format, limits.maxPixels());
        try {
            BufferedImage rgb = SrgbConverter.toIntRgb(decoded);
            return new DecodedImage(OrientationTransform.upright(rgb, ExifOrientation.of(bytes, format)), format.mediaType);
        } catch (RuntimeException | Error e) {
            // Exotic layouts (float samples, odd colour spaces) can still fail in Java2D colour conversion.
            throw new ImageRejectedException(CORRUPT, "cannot convert " + format.mediaType + " to sRGB: " + e, e);
        }
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes, so an oversized or endless stream is refused without being
     * buffered. The stream is not closed.
     *
     * @throws IOException when reading the stream itself fails (not an image problem)
     */
    public DecodedImage decode(InputStream input) throws ImageRejectedException, IOException {
        return decode(readAtMostLimit(input));
    }

    private byte[] readAtMostLimit(InputStream input) throws IOException, ImageRejectedException {
        long max = limits.maxBytes();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.min(max, READ_CHUNK));
        byte[] chunk = new byte[READ_CHUNK];
        long total = 0;
        int n;
        while ((n = input.read(chunk, 0, (int) Math.min(chunk.length, max + 1 - total))) > 0) {
            total += n;
            if (total > max) {
                throw tooManyBytes("more than " + max + " bytes");
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    private ImageRejectedException tooManyBytes(String size) {
        return new ImageRejectedException(TOO_MANY_BYTES, size + " exceeds the limit of " + limits.maxBytes() + " bytes");
    }
}
