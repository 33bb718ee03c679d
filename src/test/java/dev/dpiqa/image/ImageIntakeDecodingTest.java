package dev.dpiqa.image;

import static dev.dpiqa.image.TestImages.BLACK;
import static dev.dpiqa.image.TestImages.BLUE;
import static dev.dpiqa.image.TestImages.GREEN;
import static dev.dpiqa.image.TestImages.RED;
import static dev.dpiqa.image.TestImages.WHITE;
import static dev.dpiqa.image.TestImages.assertRgb;
import static dev.dpiqa.image.TestImages.assertRgbNear;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every supported layout ends up as upright 8-bit sRGB TYPE_INT_RGB with the right pixels. */
@Timeout(60)
class ImageIntakeDecodingTest {

    private static final int JPEG_TOLERANCE = 12;

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());

    private DecodedImage decode(byte[] bytes) throws ImageRejectedException {
        DecodedImage decoded = intake.decode(bytes);
        assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        return decoded;
    }

    /** Lossless formats from the ImageIO writers, checked pixel-exactly; also covers PNG bytes uploaded as ".jpg". */
    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff", "gif"})
    void losslessFormatsDecodeExactly(String format) throws Exception {
        DecodedImage decoded = decode(TestImages.encode(TestImages.quadrants(20, 10, RED, GREEN, BLUE, WHITE), format));
        assertThat(decoded.mediaType()).isEqualTo("image/" + format);
        assertThat(decoded.width()).isEqualTo(20);
        assertThat(decoded.height()).isEqualTo(10);
        assertRgb(decoded.image(), 0, 0, RED);
        assertRgb(decoded.image(), 19, 0, GREEN);
        assertRgb(decoded.image(), 0, 9, BLUE);
        assertRgb(decoded.image(), 19, 9, WHITE);
    }

    @Test
    void jpegDecodes() throws Exception {
        DecodedImage decoded = decode(TestImages.encode(TestImages.quadrants(64, 32, RED, GREEN, BLUE, WHITE), "jpeg"));
        assertThat(decoded.mediaType()).isEqualTo("image/jpeg");
        assertQuadrants(decoded.image(), RED, GREEN, BLUE, WHITE);
    }

    @Test
    void losslessWebpDecodesExactly() throws Exception {
        DecodedImage decoded = decode(CraftedFiles.losslessWebp());
        assertThat(decoded.mediaType()).isEqualTo("image/webp");
        assertThat(decoded.width()).isEqualTo(8);
        assertThat(decoded.height()).isEqualTo(6);
        assertRgb(decoded.image(), 0, 0, RED);
        assertRgb(decoded.image(), 7, 5, BLUE);
    }

    @Test
    void lossyWebpDecodes() throws Exception {
        DecodedImage decoded = decode(CraftedFiles.lossyWebp());
        assertRgbNear(decoded.image(), 0, 0, RED, 40);
        assertRgbNear(decoded.image(), 7, 5, BLUE, 40);
    }

    /** 8-bit grey is replicated as is: Java2D's linear-grey conversion would turn 100 into about 170. */
    @Test
    void grayPngKeepsItsValues() throws Exception {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 100);
        DecodedImage decoded = decode(TestImages.encode(gray, "png"));
        assertRgb(decoded.image(), 1, 1, 0x646464);
        assertRgb(decoded.image(), 0, 0, BLACK);
    }

    @Test
    void sixteenBitGrayPngScalesTo8Bit() throws Exception {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 257 * 100, 65535});
        DecodedImage decoded = decode(TestImages.encode(gray, "png"));
        assertRgb(decoded.image(), 0, 0, BLACK);
        assertRgb(decoded.image(), 1, 0, 0x646464);
        assertRgb(decoded.image(), 2, 0, WHITE);
    }

    @Test
    void sixteenBitRgbPngScalesTo8Bit() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {257 * 200, 257 * 100, 257 * 50});
        raster.setPixel(1, 0, new int[] {65535, 0, 257});
        DecodedImage decoded = decode(TestImages.encode(new BufferedImage(model, raster, false, null), "png"));
        assertRgb(decoded.image(), 0, 0, 0xC86432);
        assertRgb(decoded.image(), 1, 0, 0xFF0001);
    }

    /** out = c·a + 255·(1 − a), rounded: half-transparent red becomes (255, 127.5→128 rounded down to 127, 127). */
    @Test
    void rgbaPngIsCompositedOverWhite() throws Exception {
        BufferedImage rgba = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x80FF0000);
        rgba.setRGB(1, 0, 0x00000000);
        rgba.setRGB(2, 0, 0xFF102030);
        DecodedImage decoded = decode(TestImages.encode(rgba, "png"));
        assertRgb(decoded.image(), 0, 0, 0xFF7F7F);
        assertRgb(decoded.image(), 1, 0, WHITE);
        assertRgb(decoded.image(), 2, 0, 0x102030);
    }

    @Test
    void grayAlphaPngIsCompositedOverWhite() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0, 51});   // black at 20 % opacity: 255 · 0.8 = 204
        raster.setPixel(1, 0, new int[] {100, 255});
        DecodedImage decoded = decode(TestImages.encode(new BufferedImage(model, raster, false, null), "png"));
        assertRgb(decoded.image(), 0, 0, 0xCCCCCC);
        assertRgb(decoded.image(), 1, 0, 0x646464);
    }

    @Test
    void palettePngUsesItsPalette() throws Exception {
        IndexColorModel palette = new IndexColorModel(2, 3, new byte[] {(byte) 255, 0, 10}, new byte[] {0, (byte) 255, 20},
                new byte[] {0, 0, 30});
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 1, 2});
        DecodedImage decoded = decode(TestImages.encode(indexed, "png"));
        assertRgb(decoded.image(), 0, 0, RED);
        assertRgb(decoded.image(), 1, 0, GREEN);
        assertRgb(decoded.image(), 2, 0, 0x0A141E);
    }

    @Test
    void animatedGifUsesTheFirstFrame() throws Exception {
        byte[] gif = TestImages.gifSequence(TestImages.flat(6, 4, RED), TestImages.flat(6, 4, BLUE));
        assertThat(TestImages.frameCount(gif, "gif")).as("the test file really has two frames").isEqualTo(2);
        assertRgb(decode(gif).image(), 3, 2, RED);
    }

    /** Some cameras leave bytes between the last scan and EOI; libjpeg warns but every pixel is decoded. */
    @Test
    void jpegWithJunkBeforeEndMarkerDecodes() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(64, 32, RED, GREEN, BLUE, WHITE), "jpeg");
        byte[] junk = {0x12, 0x34, 0x56};
        byte[] withJunk = new byte[jpeg.length + junk.length];
        System.arraycopy(jpeg, 0, withJunk, 0, jpeg.length - 2);
        System.arraycopy(junk, 0, withJunk, jpeg.length - 2, junk.length);
        System.arraycopy(jpeg, jpeg.length - 2, withJunk, withJunk.length - 2, 2);
        assertQuadrants(decode(withJunk).image(), RED, GREEN, BLUE, WHITE);
    }

    /** Adobe APP14 CMYK as Photoshop writes it (inverted samples); the JDK's own reader cannot read these. */
    @Test
    void cmykJpegIsConvertedToRgb() throws Exception {
        DecodedImage decoded = decode(CmykJpeg.quadrants());
        assertThat(decoded.mediaType()).isEqualTo("image/jpeg");
        BufferedImage image = decoded.image();
        // Through a CMYK profile pure cyan is a muted blue-green and no ink is white, so only the hues are pinned.
        int cyan = image.getRGB(8, 8);
        assertThat(cyan >> 16 & 0xFF).as("cyan: red channel").isLessThan(90);
        assertThat(cyan & 0xFF).as("cyan: blue channel").isGreaterThan(150);
        assertRgbNear(image, 24, 8, WHITE, 20);
        int black = image.getRGB(8, 24);
        assertThat(black & 0xFFFFFF).as("full black ink").isLessThan(0x505050);
    }

    /** Mid grey tagged with a linear-RGB ICC profile must come out brighter in sRGB (≈ 188), not stay at 128. */
    @Test
    void iccTaggedJpegIsConvertedToSrgb() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.flat(16, 16, 0x808080), "jpeg");
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        DecodedImage decoded = decode(JpegSegments.withSegment(jpeg, JpegSegments.APP2, JpegSegments.iccProfile(profile)));
        assertRgbNear(decoded.image(), 8, 8, 0xBCBCBC, 6);
    }

    /** Orientation 6: stored sideways, shown rotated 90° clockwise, so the stored top-left lands top-right. */
    @Test
    void exifOrientation6RotatesClockwise() throws Exception {
        DecodedImage decoded = decode(jpegWithExif(JpegSegments.exifWithOrientation(6, 0)));
        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(64);
        assertQuadrants(decoded.image(), BLUE, RED, WHITE, GREEN);
    }

    @Test
    void exifOrientation3Rotates180() throws Exception {
        DecodedImage decoded = decode(jpegWithExif(JpegSegments.exifWithOrientation(3, 0)));
        assertThat(decoded.width()).isEqualTo(64);
        assertQuadrants(decoded.image(), WHITE, BLUE, GREEN, RED);
    }

    /** About 60 KB of EXIF, close to the 64 KB segment maximum; its orientation still applies. */
    @Test
    void hugeExifSegmentIsRead() throws Exception {
        DecodedImage decoded = decode(jpegWithExif(JpegSegments.exifWithOrientation(6, 60_000)));
        assertThat(decoded.height()).isEqualTo(64);
    }

    @Test
    void garbageExifIsIgnored() throws Exception {
        assertUnrotated(decode(jpegWithExif(JpegSegments.garbageExif(60_000, 13))));
        assertUnrotated(decode(jpegWithExif(JpegSegments.exifWithLyingEntryCount())));
        assertUnrotated(decode(jpegWithExif(JpegSegments.exifWithOrientation(9, 0))));
    }

    @Test
    void tiffOrientationIsApplied() throws Exception {
        byte[] tiff = CraftedFiles.grayTiff(3, 2, new byte[] {1, 2, 3, 4, 5, 6}, 8);
        BufferedImage upright = decode(tiff).image();
        assertThat(upright.getWidth()).isEqualTo(2);
        assertThat(upright.getHeight()).isEqualTo(3);
        assertRgb(upright, 0, 0, 0x030303);
        assertRgb(upright, 1, 0, 0x060606);
        assertRgb(upright, 0, 2, 0x010101);
    }

    private static byte[] jpegWithExif(byte[] exif) {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(64, 32, RED, GREEN, BLUE, WHITE), "jpeg");
        return JpegSegments.withSegment(jpeg, JpegSegments.APP1, exif);
    }

    private static void assertUnrotated(DecodedImage decoded) {
        assertThat(decoded.width()).isEqualTo(64);
        assertQuadrants(decoded.image(), RED, GREEN, BLUE, WHITE);
    }

    /** Checks the colour at the centre of each quadrant. */
    private static void assertQuadrants(BufferedImage image, int topLeft, int topRight, int bottomLeft, int bottomRight) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertRgbNear(image, w / 4, h / 4, topLeft, JPEG_TOLERANCE);
        assertRgbNear(image, 3 * w / 4, h / 4, topRight, JPEG_TOLERANCE);
        assertRgbNear(image, w / 4, 3 * h / 4, bottomLeft, JPEG_TOLERANCE);
        assertRgbNear(image, 3 * w / 4, 3 * h / 4, bottomRight, JPEG_TOLERANCE);
    }
}
