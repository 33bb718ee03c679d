package dev.dpiqa.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One way of showing a photo to a model; a model reads one or more, stacked along channels ({@link ModelViews}). */
public enum InputView {
    /** The whole photo, resized to the input size without keeping its aspect ratio. */
    @JsonProperty("whole")
    WHOLE,
    /**
     * The centre window of the input size at the photo's own pixels, where noise and compression stay visible that
     * resizing a several-megapixel upload would average away; a smaller photo is first enlarged, aspect kept.
     */
    @JsonProperty("native_crop")
    NATIVE_CROP
}
