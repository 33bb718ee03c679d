package dev.dpiqa.robustness;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.IntakeLimits;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A real photo from the bundled samples, decoded as uploads are, cropped to a small landscape frame. */
final class SamplePhoto {

    static final ImageIntake INTAKE = new ImageIntake(IntakeLimits.defaults());

    private SamplePhoto() {
    }

    static BufferedImage load(String name, int width, int height) {
        try (InputStream in = SamplePhoto.class.getResourceAsStream("/samples/photos/" + name)) {
            BufferedImage photo = INTAKE.decode(in).image();
            BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = crop.createGraphics();
            g.drawImage(photo, (width - photo.getWidth()) / 2, (height - photo.getHeight()) / 2, null);
            g.dispose();
            return crop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException(e);
        }
    }
}
