package dev.dpiqa.model;

/**
 * One image's model output, in plain Java types so no native memory outlives the forward pass.
 *
 * @param score01 quality in [0,1] (multiply by the manifest's {@code mos_scale} for MOS)
 * @param qmap    quality map, flattened C order, of the manifest's {@code outputs.qmap.shape}
 */
public record ModelOutput(float score01, float[] qmap) {
}
