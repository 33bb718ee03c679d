package dev.dpiqa.app;

import dev.dpiqa.fetch.FetchConfig;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.djl.ModelLoaders;
import dev.dpiqa.scoring.ColorMap;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.QualityOverlay;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.serving.ImageConfig;
import dev.dpiqa.serving.ModelsConfig;
import dev.dpiqa.serving.ScoringConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the engine-free objects of image, model, fetch and scoring from configuration. */
public class ScoringBeans {

    @Produces
    @Singleton
    ImageIntake imageIntake(ImageConfig config) {
        return new ImageIntake(new IntakeLimits(config.maxBytes(), config.maxPixels()));
    }

    /** The one policy every verdict and every "borderline" is decided by. */
    @Produces
    @Singleton
    VerdictPolicy verdictPolicy(ScoringConfig config) {
        return new VerdictPolicy(config.rejectBelow(), config.acceptFrom(), config.cascadeBandMos());
    }

    @Produces
    @Singleton
    ModelRegistry modelRegistry(ModelsConfig config) {
        return new ModelRegistry(config.cacheDir());
    }

    /** The one set of loaders serving and re-distillation share. */
    @Produces
    @Singleton
    ModelLoaders modelLoaders(ModelsConfig config) {
        return new ModelLoaders(config.loaderConfig(), config.engine());
    }

    /** With {@code file:} URIs off; each surface opts in from its own config. */
    @Produces
    @Singleton
    SafeImageFetcher imageFetcher(FetchConfig config) {
        return new SafeImageFetcher(config.policy());
    }

    @Produces
    @Singleton
    QualityMapRenderer qualityMapRenderer() {
        return new QualityMapRenderer(ColorMap.VIRIDIS);
    }

    @Produces
    @Singleton
    QualityOverlay qualityOverlay(QualityMapRenderer renderer) {
        return new QualityOverlay(renderer);
    }
}
