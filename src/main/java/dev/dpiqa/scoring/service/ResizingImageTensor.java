package dev.dpiqa.scoring.service;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.scoring.ImageTensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decoded image that builds each requested model input on first request and reuses the result, so a cascade
 * prepares it once for the student and, only if a borderline score sends it on, once more for a teacher of another
 * input. Holds the decoded pixels for as long as it is reachable (until the cascade has decided). Thread-safe: the
 * teacher asks from the student's completion thread.
 */
public final class ResizingImageTensor implements ImageTensor {

    private final DecodedImage image;
    private final Map<ModelViews, float[]> prepared = new ConcurrentHashMap<>();

    public ResizingImageTensor(DecodedImage image) {
        this.image = image;
    }

    @Override
    public float[] chw(ModelViews views) {
        return prepared.computeIfAbsent(views, v -> v.toChw(image.image()));
    }
}
