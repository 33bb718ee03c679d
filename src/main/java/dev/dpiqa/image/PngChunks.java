package dev.dpiqa.image;

import static dev.dpiqa.image.ImageRejectedException.Reason.CORRUPT;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * PNG's own integrity check, which ImageIO's reader skips: every chunk carries a CRC-32 of its type and data. A
 * damaged file whose damage still inflates would otherwise be decoded, and scored, with wrong pixels.
 */
final class PngChunks {

    private static final int SIGNATURE = 8;
    /** Length, type and CRC around each chunk's data. */
    private static final int FRAME = 12;

    private PngChunks() {
    }

    /** Checks every chunk up to {@code IEND}; what follows it is not PNG data and is left alone, as decoders do. */
    static void verify(byte[] png) throws ImageRejectedException {
        ByteBuffer bytes = ByteBuffer.wrap(png);
        int at = SIGNATURE;
        while (at < png.length) {
            if (png.length - at < FRAME) {
                throw corrupt("PNG is truncated: " + (png.length - at) + " bytes after the last chunk at byte " + at);
            }
            long length = Integer.toUnsignedLong(bytes.getInt(at));
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > png.length - at - FRAME) {
                throw corrupt("PNG is truncated: chunk " + type + " at byte " + at + " declares " + length
                        + " bytes of data, more than the file holds");
            }
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + (int) length);
            int stored = bytes.getInt(at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw corrupt(String.format("PNG chunk %s at byte %d fails its CRC check (stored %08x, computed %08x):"
                        + " the file is damaged", type, at, stored, crc.getValue()));
            }
            if (type.equals("IEND")) {
                return;
            }
            at += FRAME + (int) length;
        }
    }

    private static ImageRejectedException corrupt(String message) {
        return new ImageRejectedException(CORRUPT, message);
    }
}
