package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;
import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_PIXELS;
import static dev.dpiqa.image.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reduced JPEG decode a model may allow ({@link ImageIntake#decode(byte[], ModelViews)}): when it applies, and
 * that hostile and broken files get exactly the rejection the full decode gives them.
 */
@Timeout(60)
class ReducedJpegDecodingTest {

    /** A 64² whole-photo input that allows a decode down to 2 × 64 = 128 px on the short side. */
    private static final ModelViews REDUCING = new ModelViews(64, 64, List.of(InputView.WHOLE), new DecodeReduction(2));
    private static final byte[] PHOTO = TestImages.encode(TestImages.noise(800, 600, 11), "jpeg");

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());

    @Test
    void aLargeJpegIsDecodedAtTheLargestScaleThatKeepsTwiceTheInput() throws Exception {
        DecodedImage reduced = intake.decode(PHOTO, REDUCING);

        assertThat(reduced.scaleDenominator()).isEqualTo(4); // 600 / 4 = 150 >= 128; 600 / 8 = 75 would not be
        assertThat(reduced.width()).isEqualTo(200);
        assertThat(reduced.height()).isEqualTo(150);
        float[] fromReduced = REDUCING.toChw(reduced.image());
        float[] fromFull = REDUCING.toChw(intake.decode(PHOTO).image());
        double meanDifference = 0;
        for (int i = 0; i < fromFull.length; i++) {
            meanDifference += Math.abs(fromReduced[i] - fromFull[i]) / fromFull.length;
        }
        assertThat(meanDifference).as("the model input barely changes").isLessThan(0.01);
    }

    @Test
    void modelsWithoutReductionOrWithANativeCropGetTheFullPhoto() throws Exception {
        ModelViews withCrop = new ModelViews(64, 64, List.of(InputView.WHOLE, InputView.NATIVE_CROP),
                new DecodeReduction(2));
        for (ModelViews input : List.of(ModelViews.whole(64, 64), withCrop)) {
            DecodedImage decoded = intake.decode(PHOTO, input);
            assertThat(decoded.scaleDenominator()).as("%s", input).isEqualTo(1);
            assertThat(decoded.width()).isEqualTo(800);
        }
    }

    /** Profiles other than sRGB need ImageIO's colour conversion; an sRGB one does not. */
    @Test
    void onlyJpegsThatAreSrgbAsStoredAreReduced() throws Exception {
        byte[] linear = JpegSegments.withSegment(PHOTO, JpegSegments.APP2,
                JpegSegments.iccProfile(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData()));
        byte[] srgb = JpegSegments.withSegment(PHOTO, JpegSegments.APP2,
                JpegSegments.iccProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));

        assertThat(intake.decode(linear, REDUCING).scaleDenominator()).isEqualTo(1);
        assertThat(intake.decode(srgb, REDUCING).scaleDenominator()).isEqualTo(4);
    }

    @Test
    void exifOrientationIsAppliedToTheReducedPhoto() throws Exception {
        byte[] rotated = JpegSegments.withSegment(PHOTO, JpegSegments.APP1, JpegSegments.exifWithOrientation(6, 0));
        DecodedImage decoded = intake.decode(rotated, REDUCING);
        assertThat(decoded.scaleDenominator()).isEqualTo(4);
        assertThat(decoded.width()).isEqualTo(150);
        assertThat(decoded.height()).isEqualTo(200);
    }

    /** libjpeg fills a truncated scan with grey and only warns; the reduced decode must not score that either. */
    @Test
    void aTruncatedJpegIsRejectedAsTheFullDecodeRejectsIt() {
        assertSameRejection(TestImages.firstPart(PHOTO, 0.6), CORRUPT);
    }

    @Test
    void damagedEntropyDataIsRejectedAsTheFullDecodeRejectsIt() {
        byte[] damaged = PHOTO.clone();
        for (int i = damaged.length / 2; i < damaged.length / 2 + 64; i++) {
            damaged[i] = (byte) 0xFF; // markers where Huffman codes should be
        }
        assertSameRejection(damaged, CORRUPT);
    }

    /** A complete, decodable file whose frame header claims 60000 x 60000: refused before a pixel is decoded. */
    @Test
    void thePixelLimitIsCheckedOnTheDeclaredSizeBeforeDecoding() {
        byte[] bomb = withDeclaredSize(PHOTO, 60000, 60000);
        ImageRejectedException e = assertSameRejection(bomb, TOO_MANY_PIXELS);
        assertThat(e.getMessage()).contains("60000x60000", "limit is 50000000");
        assertSameRejection(CraftedFiles.jpegBomb(), TOO_MANY_PIXELS);
        ImageIntake small = new ImageIntake(new IntakeLimits(1 << 20, 800 * 600 - 1));
        assertThat(assertRejected(() -> small.decode(PHOTO, REDUCING), TOO_MANY_PIXELS).getMessage())
                .isEqualTo(assertRejected(() -> small.decode(PHOTO), TOO_MANY_PIXELS).getMessage());
    }

    /**
     * Random byte flips, mostly in headers and entropy data: whatever libjpeg-turbo makes of them, the reduced path
     * either decodes an image or rejects it exactly as the full decode does; nothing else escapes.
     */
    @Test
    void mutatedJpegsDecodeOrGetTheFullDecodesRejection() {
        byte[] photo = TestImages.encode(TestImages.noise(400, 300, 17), "jpeg"); // d = 2 for REDUCING
        Random random = new Random(27);
        int reducedDecodes = 0;
        for (int round = 0; round < 80; round++) {
            byte[] mutated = photo.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                int at = random.nextInt(round % 2 == 0 ? 700 : mutated.length); // every other round in the headers
                mutated[at] = (byte) random.nextInt(256);
            }
            try {
                DecodedImage decoded = intake.decode(mutated, REDUCING);
                assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
                reducedDecodes += decoded.scaleDenominator() > 1 ? 1 : 0;
            } catch (ImageRejectedException reduced) {
                ImageRejectedException full = assertRejected(() -> intake.decode(mutated), reduced.reason());
                assertThat(reduced.getMessage()).isEqualTo(full.getMessage());
            }
        }
        assertThat(reducedDecodes).as("some mutations leave a decodable file").isPositive();
    }

    private ImageRejectedException assertSameRejection(byte[] bytes, ImageRejectedException.Reason reason) {
        ImageRejectedException full = assertRejected(() -> intake.decode(bytes), reason);
        ImageRejectedException reduced = assertRejected(() -> intake.decode(bytes, REDUCING), reason);
        assertThat(reduced.getMessage()).isEqualTo(full.getMessage());
        return reduced;
    }

    /** The JPEG with its SOF0 frame header rewritten to declare another size. */
    private static byte[] withDeclaredSize(byte[] jpeg, int width, int height) {
        byte[] patched = jpeg.clone();
        for (int i = 2; i + 8 < patched.length; i++) {
            if ((patched[i] & 0xFF) == 0xFF && (patched[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(patched, i + 5, 4).putShort((short) height).putShort((short) width);
                return patched;
            }
        }
        throw new IllegalArgumentException("no SOF0 in the JPEG");
    }
}
