package dev.dpiqa.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The few TurboJPEG 2 calls a reduced decode needs, bound with JNA to the system's {@code libturbojpeg} (Debian
 * {@code libturbojpeg0}: the libjpeg-turbo build Pillow decodes with, so both sides run the same IDCT). A machine
 * without the library decodes every photo at full size, as before reduced decoding, and says so once.
 */
final class TurboJpeg {

    private static final Logger LOG = Logger.getLogger(TurboJpeg.class);

    /** TurboJPEG's JPEG colour spaces that decode to RGB by libjpeg's own conversion (CMYK and YCCK do not). */
    private static final int TJCS_RGB = 0;
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    /** 4-byte pixels whose int value on this machine is 0x??RRGGBB, the layout of TYPE_INT_RGB. */
    private static final int PIXEL_FORMAT = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 /* BGRX */ : 5 /* XRGB */;
    /** A warning (truncated data, a bad Huffman code) fails the decode instead of being filled in with grey. */
    private static final int TJFLAG_STOPONWARNING = 8192;
    /** Refuses progressive JPEGs of more than 500 scans, a known way to make a small file decode for minutes. */
    private static final int TJFLAG_LIMITSCANS = 32768;

    static final boolean AVAILABLE = register();

    /** What the JPEG header declares. */
    record Header(int width, int height, boolean rgb) {
    }

    private TurboJpeg() {
    }

    /** Reads the markers up to the first scan; empty when they are not a JPEG TurboJPEG can read. */
    static Optional<Header> header(byte[] jpeg) {
        Pointer handle = tjInitDecompress();
        try {
            int[] width = new int[1];
            int[] height = new int[1];
            int[] subsampling = new int[1];
            int[] colorspace = new int[1];
            if (tjDecompressHeader3(handle, jpeg, new NativeLong(jpeg.length), width, height, subsampling,
                    colorspace) != 0) {
                return Optional.empty();
            }
            int cs = colorspace[0];
            return Optional.of(new Header(width[0], height[0], cs == TJCS_RGB || cs == TJCS_YCBCR || cs == TJCS_GRAY));
        } finally {
            tjDestroy(handle);
        }
    }

    /**
     * Decodes into {@code pixels} at {@code width x height}, which must be the photo's size divided by a scaling
     * factor TurboJPEG has (1/2, 1/4, 1/8), sides rounded up; the top byte of each pixel is left undefined.
     *
     * @return false on any error or decoder warning, leaving {@code pixels} partly written
     */
    static boolean decode(byte[] jpeg, int width, int height, int[] pixels) {
        Pointer handle = tjInitDecompress();
        try {
            return tjDecompress2(handle, jpeg, new NativeLong(jpeg.length), pixels, width, 4 * width, height,
                    PIXEL_FORMAT, TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) == 0;
        } finally {
            tjDestroy(handle);
        }
    }

    private static boolean register() {
        for (String name : new String[] {"libturbojpeg.so.0", "turbojpeg"}) {
            try {
                Native.register(TurboJpeg.class, NativeLibrary.getInstance(name));
                return true;
            } catch (LinkageError e) {
                LOG.debugf("no TurboJPEG as %s: %s", name, e.getMessage());
            }
        }
        LOG.warn("libturbojpeg not found (Debian: libturbojpeg0): JPEGs are decoded at full size even where the"
                + " model's manifest allows a reduced decode, so scores can differ slightly from training's");
        return false;
    }

    private static native Pointer tjInitDecompress();

    private static native int tjDecompressHeader3(Pointer handle, byte[] jpeg, NativeLong size, int[] width,
                                                  int[] height, int[] subsampling, int[] colorspace);

    private static native int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong size, int[] pixels, int width,
                                            int pitch, int height, int pixelFormat, int flags);

    private static native int tjDestroy(Pointer handle);
}
