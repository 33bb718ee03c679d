package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelLoadException;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ServingModel;

/** Serving slots over the fixture models, and their inputs as the scorers take them. */
final class ScoringFixtures {

    private ScoringFixtures() {
    }

    /** A tensor of {@link Fixtures#noise}/{@link Fixtures#solid}, at the fixture input size. */
    static ImageTensor input(float[] chw) {
        return ImageTensor.fixed(ModelViews.whole(Fixtures.INPUT_SIZE, Fixtures.INPUT_SIZE), chw);
    }

    static ServingModel student() throws ModelLoadException {
        return new ServingModel(Fixtures.loader(), Fixtures.cached(Fixtures.STUDENT, "1.0.0"));
    }

    static ServingModel teacher(ModelLoader loader) throws ModelLoadException {
        return new ServingModel(loader, Fixtures.cached(Fixtures.TEACHER, "1.0.0"));
    }
}
