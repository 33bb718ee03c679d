package dev.dpiqa.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The input a model reads: each of its {@link InputView}s at {@code height x width}, CHW floats in [0, 1], stacked
 * along channels in the manifest's order (3 channels per view), as {@code training/data/preprocess.py} builds it;
 * and how small the photo may be decoded for it ({@code reduction}).
 */
public record ModelViews(int height, int width, List<InputView> views, DecodeReduction reduction) {

    /** Decoded at full size. */
    public ModelViews(int height, int width, List<InputView> views) {
        this(height, width, views, DecodeReduction.NONE);
    }

    public ModelViews {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be positive, was " + height + "x" + width);
        }
        if (views.isEmpty() || views.stream().distinct().count() != views.size()) {
            throw new IllegalArgumentException("a model reads one or more distinct views, got " + views);
        }
        views = List.copyOf(views);
        reduction = reduction == null ? DecodeReduction.NONE : reduction;
    }

    /** The whole photo alone: every model before native crops. */
    public static ModelViews whole(int height, int width) {
        return new ModelViews(height, width, List.of(InputView.WHOLE));
    }

    /**
     * The least short side a decode must keep for this input, 0 for the photo's full size: only models reading the
     * whole photo alone take a reduced decode, since a native crop needs the photo's own pixels.
     */
    public long minDecodedShortSide() {
        if (reduction.minShortSideRatio() == 0 || !views.stream().allMatch(InputView.WHOLE::equals)) {
            return 0;
        }
        return (long) reduction.minShortSideRatio() * Math.min(height, width);
    }

    public int channels() {
        return 3 * views.size();
    }

    /**
     * @param image a {@link BufferedImage#TYPE_INT_RGB} image, as {@link DecodedImage#image()} holds
     * @return {@code channels() * height * width} floats
     */
    public float[] toChw(BufferedImage image) {
        if (views.size() == 1) {
            return view(views.get(0), image);
        }
        int viewLength = 3 * height * width;
        float[] out = new float[views.size() * viewLength];
        for (int i = 0; i < views.size(); i++) {
            System.arraycopy(view(views.get(i), image), 0, out, i * viewLength, viewLength);
        }
        return out;
    }

    private float[] view(InputView view, BufferedImage image) {
        return switch (view) {
            case WHOLE -> new ModelInputResizer(height, width).toChw(image);
            case NATIVE_CROP -> NativeCrop.toChw(image, height, width);
        };
    }
}
