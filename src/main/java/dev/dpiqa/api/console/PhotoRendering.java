package dev.dpiqa.api.console;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ModelUnavailableException;
import dev.dpiqa.serving.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the console shows of a photo: the photo re-encoded at a screen's size, and its quality map by the serving
 * student as a heatmap at the photo's aspect ratio, for the page to lay over the photo translucently. Blocking.
 */
@ApplicationScoped
public class PhotoRendering {

    static final int THUMBNAIL_SIDE = 160;
    static final int PHOTO_SIDE = 1600;
    /** Longest side of the heatmap: the map has 64 cells a side, the browser smooths it the rest of the way. */
    static final int MAP_SIDE = 256;

    private final ImageIntake intake;
    private final ScoringEngine engine;
    private final QualityMapRenderer renderer;

    public PhotoRendering(ImageIntake intake, ScoringEngine engine, QualityMapRenderer renderer) {
        this.intake = intake;
        this.engine = engine;
        this.renderer = renderer;
    }

    /** Under the same limits as scoring: the bytes came from outside. */
    public DecodedImage decode(byte[] bytes) throws ImageRejectedException {
        return intake.decode(bytes);
    }

    public byte[] jpeg(DecodedImage image, int maxSide) {
        return Pictures.jpeg(Pictures.fit(image.image(), maxSide));
    }

    /**
     * The serving student's score with its quality map, from the bytes decoded as serving decodes them (a large JPEG
     * reduced where the model allows it), so the console shows the score {@code /v1} and the pipeline give; the
     * photo on screen is a separate full-size decode.
     */
    public QualityScore scoreWithMap(byte[] bytes)
            throws ImageRejectedException, ModelUnavailableException, ModeUnavailableException {
        return engine.service().score(bytes, ScoringMode.STUDENT, true).join();
    }

    /** The score's quality map as a heatmap PNG of the photo's aspect ratio. */
    public byte[] mapPng(QualityScore score, DecodedImage image) {
        int[] size = Pictures.sizeFitting(image.width(), image.height(), MAP_SIDE);
        return Pictures.png(renderer.render(score.qualityMap().orElseThrow(), size[0], size[1]));
    }
}
