package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.TOO_MANY_PIXELS;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Optional;

/**
 * Decodes a large JPEG at 1/2, 1/4 or 1/8 of its size by libjpeg's DCT scaling, which skips most of the inverse
 * DCT and all of the pixels a model input of a few hundred pixels would average away anyway. It takes only the
 * plain case: an RGB, YCbCr or greyscale JPEG, sRGB as stored, that decodes without one warning. Anything else
 * (and a machine without TurboJPEG) is left to the ImageIO path, which then gives today's result or today's error.
 */
final class ReducedJpegDecoder {

    private ReducedJpegDecoder() {
    }

    /**
     * @param minDecodedShortSide the least the decoded short side may be ({@link ModelViews#minDecodedShortSide()})
     * @return empty when the photo should be decoded at full size by the ImageIO path
     * @throws ImageRejectedException TOO_MANY_PIXELS, from the header, before any pixel is decoded
     */
    static Optional<DecodedImage> decode(byte[] jpeg, long minDecodedShortSide, long maxPixels)
            throws ImageRejectedException {
        if (minDecodedShortSide < 1 || !TurboJpeg.AVAILABLE) {
            return Optional.empty();
        }
        Optional<TurboJpeg.Header> read = TurboJpeg.header(jpeg);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        TurboJpeg.Header header = read.get();
        PixelLimit.check(header.width(), header.height(), maxPixels);
        int denominator = DecodeReduction.denominator(Math.min(header.width(), header.height()), minDecodedShortSide);
        if (denominator == 1 || !header.rgb() || !JpegColorProfile.isSrgbAsStored(jpeg)) {
            return Optional.empty();
        }
        int width = ceilDiv(header.width(), denominator);
        int height = ceilDiv(header.height(), denominator);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (!TurboJpeg.decode(jpeg, width, height, pixels)) {
            return Optional.empty();
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF; // the pad byte is undefined; TYPE_INT_RGB holds 0 there
        }
        BufferedImage upright = OrientationTransform.upright(image, ExifOrientation.of(jpeg, SupportedFormat.JPEG));
        return Optional.of(new DecodedImage(upright, SupportedFormat.JPEG.mediaType, denominator));
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
