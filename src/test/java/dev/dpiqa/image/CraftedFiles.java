package dev.dpiqa.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Image files written byte by byte: headers declaring absurd sizes with no pixel data behind them (decompression
 * bombs), a minimal grey TIFF carrying an orientation tag, and WebP samples (no WebP writer exists for ImageIO).
 */
public final class CraftedFiles {

    private CraftedFiles() {
    }

    /** PNG signature, IHDR of 60000×60000 8-bit RGB with a correct CRC, IEND. */
    public static byte[] pngBomb() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(60_000).putInt(60_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        putPngChunk(png, "IHDR", ihdr.array());
        putPngChunk(png, "IEND", new byte[0]);
        return png.array();
    }

    private static void putPngChunk(ByteBuffer png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    }

    /** SOI, a baseline SOF0 of 65500×65500 with three components, EOI. */
    static byte[] jpegBomb() {
        ByteBuffer jpeg = ByteBuffer.allocate(2 + 19 + 2);
        jpeg.putShort((short) 0xFFD8);
        jpeg.putShort((short) 0xFFC0).putShort((short) 17).put((byte) 8).putShort((short) 65500).putShort((short) 65500)
                .put((byte) 3);
        for (int id = 1; id <= 3; id++) {
            jpeg.put((byte) id).put((byte) 0x11).put((byte) 0);
        }
        jpeg.putShort((short) 0xFFD9);
        return jpeg.array();
    }

    /** GIF89a whose logical screen and first image descriptor are both 65535×65535, then the trailer. */
    static byte[] gifBomb() {
        ByteBuffer gif = ByteBuffer.allocate(6 + 7 + 10 + 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.putShort((short) 0xFFFF).putShort((short) 0xFFFF).put((byte) 0).put((byte) 0).put((byte) 0);
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF).putShort((short) 0xFFFF)
                .put((byte) 0);
        gif.put((byte) 2).put((byte) 0); // LZW minimum code size, empty sub-block chain
        gif.put((byte) 0x3B);
        return gif.array();
    }

    /**
     * BITMAPFILEHEADER and BITMAPINFOHEADER of a 16000×16000 24-bit BMP (256 MP), no pixel array. The header lies about the
     * file size (4 GB), which gets it past the JDK reader's own plausibility check against that field.
     */
    static byte[] bmpBomb() {
        ByteBuffer bmp = ByteBuffer.allocate(14 + 40).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(0xFFFFFFFF).putInt(0).putInt(54);
        bmp.putInt(40).putInt(16_000).putInt(16_000).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return bmp.array();
    }

    /** VP8L (lossless WebP) header declaring 16384×16384, the largest WebP allows, then zeros. */
    static byte[] webpBomb() {
        int chunk = 64;
        ByteBuffer webp = ByteBuffer.allocate(12 + 8 + chunk).order(ByteOrder.LITTLE_ENDIAN);
        webp.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + chunk).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        webp.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(chunk).put((byte) 0x2F)
                .putInt(16383 | 16383 << 14);
        return webp.array();
    }

    /** A TIFF declaring 100000×100000 8-bit grey with a one-byte strip. */
    static byte[] tiffBomb() {
        return grayTiff(100_000, 100_000, new byte[] {0}, ExifOrientation.NORMAL);
    }

    /**
     * A little-endian, uncompressed, single-strip 8-bit grey TIFF.
     *
     * @param pixels row-major grey samples (may be shorter than width × height for bombs)
     */
    static byte[] grayTiff(int width, int height, byte[] pixels, int orientation) {
        int[][] entries = {
                {256, 4, width},          // ImageWidth, LONG
                {257, 4, height},         // ImageLength
                {258, 3, 8},              // BitsPerSample, SHORT
                {259, 3, 1},              // Compression: none
                {262, 3, 1},              // PhotometricInterpretation: BlackIsZero
                {273, 4, 0},              // StripOffsets, patched below
                {274, 3, orientation},    // Orientation
                {277, 3, 1},              // SamplesPerPixel
                {278, 4, height},         // RowsPerStrip
                {279, 4, pixels.length},  // StripByteCounts
        };
        int ifdSize = 2 + entries.length * 12 + 4;
        int pixelOffset = 8 + ifdSize;
        ByteBuffer tiff = ByteBuffer.allocate(pixelOffset + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) entries.length);
        for (int[] e : entries) {
            int value = e[0] == 273 ? pixelOffset : e[2];
            tiff.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                tiff.putShort((short) value).putShort((short) 0);
            } else {
                tiff.putInt(value);
            }
        }
        tiff.putInt(0);
        tiff.put(pixels);
        return tiff.array();
    }

    /**
     * 8×6 lossless WebP: red, with a blue bottom-right 4×3 block. Made with Pillow 9.4:
     * {@code im = Image.new('RGB', (8, 6), (255, 0, 0)); im.paste((0, 0, 255), (4, 3, 8, 6)); im.save(b, 'WEBP', lossless=True)}.
     */
    static byte[] losslessWebp() {
        return Base64.getDecoder().decode("UklGRiAAAABXRUJQVlA4TBQAAAAvB0ABAA8Q87//8x8O/vAf0f84AA==");
    }

    /** The same picture as {@link #losslessWebp()}, saved lossy (VP8) at quality 100. */
    static byte[] lossyWebp() {
        return Base64.getDecoder().decode(
                "UklGRpAAAABXRUJQVlA4IIQAAADwBACdASoIAAYAAAAAJbACdLoB+AH6Af0ClAfgBcAH8A9v/cAN4r/gHUAA3KPb7yAA/v/+wRv8"
                        + "Yn/+LD/+1PM/+roav/nvef/9jxyDw+aC/N+Y0S1jf/1JN2GSLRpgpqM//4w2//2k53f/SoDkDPl+pVCSCin/+T4Rdb/3PAgJX/9hgAA=");
    }
}
