package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;
import static dev.dpiqa.image.ImageRejectedException.Reason.EMPTY;
import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_BYTES;
import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_PIXELS;
import static dev.dpiqa.image.ImageRejectedException.Reason.UNSUPPORTED_TYPE;
import static dev.dpiqa.image.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and broken uploads: each must be refused with its typed reason, nothing else may escape. */
@Timeout(60)
class ImageIntakeRejectionTest {

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());

    @Test
    void zeroBytesAreEmpty() {
        assertRejected(() -> intake.decode(new byte[0]), EMPTY);
        assertRejected(() -> intake.decode(InputStream.nullInputStream()), EMPTY);
    }

    @Test
    void randomBytesAreUnsupported() {
        ImageRejectedException e = assertRejected(() -> intake.decode(TestImages.randomBytes(4096, 7)), UNSUPPORTED_TYPE);
        assertThat(e.getMessage()).contains("application/octet-stream");
    }

    @Test
    void randomBytesBehindJpegMagicAreCorrupt() {
        byte[] bytes = TestImages.randomBytes(4096, 11);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        assertRejected(() -> intake.decode(bytes), CORRUPT);
    }

    static Stream<Arguments> disguisedAsJpeg() {
        return Stream.of(
                Arguments.of("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>", "text/html"),
                Arguments.of("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>",
                        "image/svg+xml"),
                Arguments.of("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml"),
                Arguments.of("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "application/pdf"),
                Arguments.of("just some text in a file named photo.jpg\n", "text/plain"));
    }

    /** The bytes are all there is: a ".jpg" name or a declared Content-Type never reaches intake. */
    @ParameterizedTest
    @MethodSource
    void disguisedAsJpeg(String content, String detectedType) {
        ImageRejectedException e = assertRejected(
                () -> intake.decode(content.getBytes(StandardCharsets.UTF_8)), UNSUPPORTED_TYPE);
        assertThat(e.getMessage()).contains(detectedType);
    }

    @Test
    void zipDisguisedAsJpegIsUnsupported() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("photo.jpg"));
            out.write(TestImages.encode(TestImages.flat(8, 8, TestImages.RED), "jpeg"));
            out.closeEntry();
        }
        ImageRejectedException e = assertRejected(() -> intake.decode(zip.toByteArray()), UNSUPPORTED_TYPE);
        assertThat(e.getMessage()).contains("application/zip");
    }

    /** Truncation inside the compressed data; for JPEG the decoder only warns and would return grey rows. */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff"})
    void truncatedFilesAreCorrupt(String format) {
        byte[] whole = TestImages.encode(TestImages.noise(160, 120, 3), format);
        assertRejected(() -> intake.decode(TestImages.firstPart(whole, 0.6)), CORRUPT);
    }

    /** ImageIO's PNG reader ignores the CRCs: it would decode a damaged file, and the damage would be scored. */
    @Test
    void aPngChunkThatFailsItsCrcIsCorrupt() {
        byte[] png = TestImages.encode(TestImages.noise(40, 30, 9), "png");
        int idat = new String(png, StandardCharsets.ISO_8859_1).indexOf("IDAT");
        int crcEnd = idat + 4 + ByteBuffer.wrap(png).getInt(idat - 4) + 4;
        png[crcEnd - 1] ^= 1;

        ImageRejectedException e = assertRejected(() -> intake.decode(png), CORRUPT);
        assertThat(e.getMessage()).contains("IDAT", "CRC", "damaged");
    }

    @Test
    void truncatedWebpIsCorrupt() {
        assertRejected(() -> intake.decode(TestImages.firstPart(CraftedFiles.lossyWebp(), 0.6)), CORRUPT);
    }

    static Stream<Arguments> pixelBombs() {
        return Stream.of(
                Arguments.of("PNG IHDR 60000x60000", (Supplier<byte[]>) CraftedFiles::pngBomb),
                Arguments.of("JPEG SOF0 65500x65500", (Supplier<byte[]>) CraftedFiles::jpegBomb),
                Arguments.of("GIF 65535x65535", (Supplier<byte[]>) CraftedFiles::gifBomb),
                Arguments.of("BMP 16000x16000", (Supplier<byte[]>) CraftedFiles::bmpBomb),
                Arguments.of("WebP VP8L 16384x16384", (Supplier<byte[]>) CraftedFiles::webpBomb),
                Arguments.of("TIFF 100000x100000", (Supplier<byte[]>) CraftedFiles::tiffBomb));
    }

    /** A few dozen bytes declaring gigapixels: refused from the header, before any allocation for pixels. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pixelBombs(String name, Supplier<byte[]> bomb) {
        byte[] bytes = bomb.get();
        assertThat(bytes.length).isLessThan(200);
        ImageRejectedException e = assertRejected(() -> intake.decode(bytes), TOO_MANY_PIXELS);
        assertThat(e.getMessage()).contains("limit is 50000000");
    }

    @Test
    void pixelLimitIsInclusive() throws Exception {
        byte[] png = TestImages.encode(TestImages.flat(100, 100, TestImages.RED), "png");
        assertThat(new ImageIntake(new IntakeLimits(1 << 20, 10_000)).decode(png).width()).isEqualTo(100);
        assertRejected(() -> new ImageIntake(new IntakeLimits(1 << 20, 9_999)).decode(png), TOO_MANY_PIXELS);
    }

    @Test
    void byteLimitIsInclusive() throws Exception {
        byte[] png = TestImages.encode(TestImages.flat(100, 100, TestImages.RED), "png");
        assertThat(new ImageIntake(new IntakeLimits(png.length, 1 << 20)).decode(png).width()).isEqualTo(100);
        assertRejected(() -> new ImageIntake(new IntakeLimits(png.length - 1, 1 << 20)).decode(png), TOO_MANY_BYTES);
        assertThat(new ImageIntake(new IntakeLimits(png.length, 1 << 20)).decode(new ByteArrayInputStream(png)).width())
                .isEqualTo(100);
        assertRejected(() -> new ImageIntake(new IntakeLimits(png.length - 1, 1 << 20))
                .decode(new ByteArrayInputStream(png)), TOO_MANY_BYTES);
    }

    /** An endless upload is cut off after maxBytes + 1 bytes instead of being buffered. */
    @Test
    void endlessStreamIsCutOffAtTheLimit() {
        CountingEndlessStream endless = new CountingEndlessStream();
        ImageIntake small = new ImageIntake(new IntakeLimits(100_000, 1 << 20));
        assertRejected(() -> small.decode(endless), TOO_MANY_BYTES);
        assertThat(endless.served).isEqualTo(100_001);
    }

    /**
     * Seeded random byte flips in valid files of every writable format: whatever the decoders make of them, the
     * only outcomes allowed are a decoded RGB image or a typed rejection (no runtime exception or error escapes).
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff"})
    void mutatedFilesDecodeOrAreRejected(String format) {
        byte[] valid = TestImages.encode(TestImages.noise(24, 16, 5), format);
        Random random = new Random(format.hashCode());
        for (int round = 0; round < 150; round++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedImage decoded = intake.decode(mutated);
                assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            } catch (ImageRejectedException e) {
                assertThat(e.reason()).isNotNull();
            }
        }
    }

    /** Serves zero bytes forever and counts them. */
    private static final class CountingEndlessStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }
}
