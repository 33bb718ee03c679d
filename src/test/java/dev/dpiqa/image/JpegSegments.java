package dev.dpiqa.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Splices APP segments (EXIF, ICC) into JPEG bytes written by ImageIO, and builds their payloads. */
final class JpegSegments {

    static final int APP1 = 0xE1;
    static final int APP2 = 0xE2;
    private static final int TIFF_SHORT = 3;
    private static final int TAG_ORIENTATION = 0x0112;

    private JpegSegments() {
    }

    /** Inserts the segment after SOI and, if present, the JFIF APP0 segment, where cameras put EXIF. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        if (payload.length + 2 > 0xFFFF) {
            throw new IllegalArgumentException("a JPEG segment holds at most 65533 bytes, got " + payload.length);
        }
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at += 2 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** An EXIF APP1 payload: big-endian TIFF with one IFD holding the orientation, plus {@code padding} zero bytes. */
    static byte[] exifWithOrientation(int orientation, int padding) {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4 + padding);
        tiff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) TAG_ORIENTATION).putShort((short) TIFF_SHORT).putInt(1)
                .putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return tiff.array();
    }

    /** The EXIF identifier followed by random bytes where the TIFF structure should be. */
    static byte[] garbageExif(int length, long seed) {
        byte[] payload = TestImages.randomBytes(length, seed);
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
        return payload;
    }

    /** A valid TIFF header whose IFD claims 65535 entries but ends after a few bytes. */
    static byte[] exifWithLyingEntryCount() {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 4);
        tiff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 0xFFFF);
        return tiff.array();
    }

    /** A single-chunk ICC_PROFILE APP2 payload. */
    static byte[] iccProfile(byte[] profile) {
        ByteBuffer payload = ByteBuffer.allocate(12 + 2 + profile.length);
        payload.put("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).put(profile);
        return payload.array();
    }
}
