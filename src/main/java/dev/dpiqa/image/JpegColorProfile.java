package dev.dpiqa.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;

/**
 * Whether a JPEG's pixels are sRGB as stored: no embedded ICC profile, or one equivalent to sRGB. A photo tagged
 * with another profile (Display P3, Adobe RGB) needs the colour conversion of the ImageIO path.
 */
final class JpegColorProfile {

    private JpegColorProfile() {
    }

    static boolean isSrgbAsStored(byte[] jpeg) {
        try {
            List<JPEGSegment> chunks;
            try (ImageInputStream input = new ByteArrayImageInputStream(jpeg)) {
                chunks = JPEGSegmentUtil.readSegments(input, JPEG.APP2, "ICC_PROFILE");
            }
            return chunks.isEmpty() || ColorSpaces.isCS_sRGB(ICC_Profile.getInstance(profileBytes(chunks)));
        } catch (IOException | RuntimeException e) {
            return false; // unreadable metadata: leave the photo to the ImageIO path, which has its own rules
        }
    }

    /** APP2 chunks carry a sequence number (from 1) and a count before their part of the profile. */
    private static byte[] profileBytes(List<JPEGSegment> chunks) throws IOException {
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            try (InputStream data = chunks.get(i).data()) {
                if (data.read() != i + 1 || data.read() != chunks.size()) {
                    throw new IOException("ICC profile chunks out of order");
                }
                data.transferTo(profile);
            }
        }
        return profile.toByteArray();
    }
}
