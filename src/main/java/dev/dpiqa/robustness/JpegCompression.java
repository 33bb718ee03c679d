package dev.dpiqa.robustness;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Re-encoding with ImageIO's JPEG writer at a falling quality (libjpeg's 1-100 scale), decoded again by the intake
 * that decodes uploads, so the artefacts reach the model as they would in a real upload.
 */
final class JpegCompression extends Degradation {

    static final String KIND = "jpeg";

    private final ImageIntake intake;

    JpegCompression(int levels, ImageIntake intake) {
        super(KIND, "quality", 60, 5, levels);
        this.intake = intake;
    }

    @Override
    BufferedImage degrade(BufferedImage photo, double quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality((float) (quality / 100));
            writer.write(null, new IIOImage(photo, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        try {
            return intake.decode(bytes.toByteArray()).image();
        } catch (ImageRejectedException e) {
            // The photo itself passed the intake: its own re-encoding failing is a bug, not a bad photo.
            throw new IllegalStateException("the intake refused a JPEG re-encoding of an accepted photo", e);
        }
    }
}
