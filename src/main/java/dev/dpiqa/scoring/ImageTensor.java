package dev.dpiqa.scoring;

/**
 * One image, as the input of whichever model asks: each scorer requests its serving model's input size at call
 * time, so a cascade whose teacher takes a larger input than its student (and a hot-swap to a version of another
 * size) gets a tensor that fits each model.
 */
@FunctionalInterface
public interface ImageTensor {

    /**
     * @return {@code 3 * height * width} floats, CHW RGB in [0,1]; callers must not modify them, since an
     *         implementation may hand the same array to every model of that size
     */
    float[] chw(int height, int width);

    /**
     * A tensor already prepared at one size (tests, benchmarks, frames decoded elsewhere); asking for another size
     * fails, which a scorer reports as an image it cannot score.
     */
    static ImageTensor fixed(int height, int width, float[] chw) {
        if (height < 1 || width < 1 || chw.length != 3 * height * width) {
            throw new IllegalArgumentException(chw.length + " floats are no CHW RGB image of " + height + "x" + width);
        }
        return (h, w) -> {
            if (h != height || w != width) {
                throw new IllegalArgumentException("the image was prepared at " + height + "x" + width
                        + ", the model takes " + h + "x" + w);
            }
            return chw;
        };
    }
}
