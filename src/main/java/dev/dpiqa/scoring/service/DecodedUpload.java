package dev.dpiqa.scoring.service;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.scoring.ImageTensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upload's bytes, decoded as small as the first model's input allows (a large JPEG reduced by DCT scaling, see
 * {@link ImageIntake#decode(byte[], ModelViews)}), and each model's input built once from it. A model that needs
 * more pixels (a teacher of another input, a hot-swapped version without reduced decoding) gets its own decode of
 * the same bytes. Holds the bytes and decodes for as long as it is reachable (until the cascade has decided).
 * Thread-safe: the teacher asks from the student's completion thread.
 */
public final class DecodedUpload implements ImageTensor {

    private final byte[] bytes;
    private final ImageIntake intake;
    /** Keyed by {@link ModelViews#minDecodedShortSide()}: inputs that agree on it read the same decode. */
    private final Map<Long, DecodedImage> decodes = new ConcurrentHashMap<>();
    private final Map<ModelViews, float[]> prepared = new ConcurrentHashMap<>();

    private DecodedUpload(byte[] bytes, ImageIntake intake) {
        this.bytes = bytes;
        this.intake = intake;
    }

    /**
     * Decodes for {@code first} at once, so an image that cannot be decoded is refused here, never by a model.
     *
     * @throws ImageRejectedException the bytes are no image we score
     */
    public static DecodedUpload decode(byte[] bytes, ImageIntake intake, ModelViews first)
            throws ImageRejectedException {
        DecodedUpload upload = new DecodedUpload(bytes, intake);
        upload.decodes.put(first.minDecodedShortSide(), intake.decode(bytes, first));
        return upload;
    }

    /** The decode the first model reads. */
    public DecodedImage first() {
        return decodes.values().iterator().next();
    }

    @Override
    public float[] chw(ModelViews views) {
        return prepared.computeIfAbsent(views, v -> v.toChw(decodedFor(v).image()));
    }

    private DecodedImage decodedFor(ModelViews views) {
        return decodes.computeIfAbsent(views.minDecodedShortSide(), key -> {
            try {
                return intake.decode(bytes, views);
            } catch (ImageRejectedException e) { // decoded once already: only a decoder of another size can fail
                throw new IllegalArgumentException("cannot decode the image for " + views + ": " + e.getMessage(), e);
            }
        });
    }
}
