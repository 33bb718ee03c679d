package dev.dpiqa.scoring.service;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ModelInputResizer;
import dev.dpiqa.scoring.ImageTensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decoded image that resizes to each requested model input on first request and reuses the result, so a cascade
 * resizes once for the student and, only if a borderline score sends it on, once more for a teacher of another
 * size. Holds the decoded pixels for as long as it is reachable (until the cascade has decided). Thread-safe: the
 * teacher asks from the student's completion thread.
 */
public final class ResizingImageTensor implements ImageTensor {

    private record Size(int height, int width) {
    }

    private final DecodedImage image;
    private final Map<Size, float[]> resized = new ConcurrentHashMap<>();

    public ResizingImageTensor(DecodedImage image) {
        this.image = image;
    }

    @Override
    public float[] chw(int height, int width) {
        return resized.computeIfAbsent(new Size(height, width),
                size -> new ModelInputResizer(size.height(), size.width()).toChw(image.image()));
    }
}
