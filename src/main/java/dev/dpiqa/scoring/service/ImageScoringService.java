package dev.dpiqa.scoring.service;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.ModelInputResizer;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.scoring.QualityScore;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes in, quality out: the one path REST, CLI and the pipeline share. Decodes untrusted bytes, resizes to the
 * serving model's input as its manifest declares, and hands the tensor to the scorer of the requested mode.
 * Decoding runs on the caller's thread (call it off event loops); inference completes the returned future.
 */
public final class ImageScoringService {

    private final ImageIntake intake;
    private final Map<ScoringMode, ScoringRoute> routes;
    private final Map<ModelManifest.InputSpec, ModelInputResizer> resizers = new ConcurrentHashMap<>();

    public ImageScoringService(ImageIntake intake, Map<ScoringMode, ScoringRoute> routes) {
        this.intake = intake;
        this.routes = new EnumMap<>(routes);
    }

    /**
     * @throws ImageRejectedException  the bytes are no image we score (the future never fails with it)
     * @throws ModeUnavailableException the mode's model is not deployed here
     */
    public CompletableFuture<QualityScore> score(byte[] bytes, ScoringMode mode, boolean withQualityMap)
            throws ImageRejectedException, ModeUnavailableException {
        ScoringRoute route = routes.get(mode);
        if (route == null) {
            throw new ModeUnavailableException(mode, "mode " + mode + " needs a model this deployment does not serve");
        }
        DecodedImage image = intake.decode(bytes);
        ModelInputResizer resizer = resizers.computeIfAbsent(route.input().get(),
                input -> new ModelInputResizer(input.height(), input.width()));
        return route.scorer().score(resizer.toChw(image.image()), withQualityMap);
    }
}
