package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;

/**
 * One image, as the input of whichever model asks: each scorer requests its serving model's input (size and views)
 * at call time, so a cascade whose teacher takes another input than its student (and a hot-swap to a version of
 * another size) gets a tensor that fits each model.
 */
@FunctionalInterface
public interface ImageTensor {

    /**
     * @return {@code views.channels() * height * width} floats, CHW RGB in [0,1]; callers must not modify them,
     *         since an implementation may hand the same array to every model of that input
     */
    float[] chw(ModelViews views);

    /**
     * A tensor already prepared for one input (tests, benchmarks, frames decoded elsewhere); asking for another
     * fails, which a scorer reports as an image it cannot score.
     */
    static ImageTensor fixed(ModelViews prepared, float[] chw) {
        if (chw.length != prepared.channels() * prepared.height() * prepared.width()) {
            throw new IllegalArgumentException(chw.length + " floats are no CHW input of " + prepared);
        }
        return views -> {
            if (!views.equals(prepared)) {
                throw new IllegalArgumentException("the image was prepared as " + prepared + ", the model takes " + views);
            }
            return chw;
        };
    }
}
