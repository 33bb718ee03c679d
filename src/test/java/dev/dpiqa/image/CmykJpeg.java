package dev.dpiqa.image;

import java.awt.image.DataBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import javax.imageio.IIOImage;

/**
 * A CMYK JPEG as Photoshop writes them: ImageIO's JPEG writer encodes a bare 4-band raster without any colour
 * marker, and we splice in the Adobe APP14 segment (transform 0: no colour transform) that tells readers the four
 * components are CMYK. Adobe CMYK stores ink inverted (255 = no ink).
 */
final class CmykJpeg {

    private static final int APP14 = 0xEE;

    private CmykJpeg() {
    }

    /** 32×32: top-left cyan ink, top-right no ink, bottom-left full black ink, bottom-right magenta ink. */
    static byte[] quadrants() {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        int[][] inks = {{255, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 255}, {0, 255, 0, 0}};
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int[] ink = inks[(y < 16 ? 0 : 2) + (x < 16 ? 0 : 1)];
                for (int band = 0; band < 4; band++) {
                    raster.setSample(x, y, band, 255 - ink[band]);
                }
            }
        }
        byte[] fourBands = TestImages.write("jpeg", writer -> writer.write(new IIOImage(raster, null, null)));
        return JpegSegments.withSegment(fourBands, APP14, adobeSegment());
    }

    /** "Adobe", DCTEncodeVersion 100, APP14Flags0 and 1 zero, ColorTransform 0. */
    private static byte[] adobeSegment() {
        return ByteBuffer.allocate(12).put("Adobe".getBytes(StandardCharsets.US_ASCII)).putShort((short) 100)
                .putShort((short) 0).putShort((short) 0).put((byte) 0).array();
    }
}
