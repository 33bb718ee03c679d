package dev.dpiqa.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelOutput;
import java.nio.FloatBuffer;

/**
 * One CHW float image in, one {@link ModelOutput} out; DJL's default stacking batchifier turns a
 * {@code batchPredict} into one {@code [B,3,H,W]} forward pass and splits {@code (score [B], qmap [B,8,64,64])}
 * back per image. Plain Java types on both sides, so the per-call NDManager frees all native memory.
 */
final class QualityTranslator implements Translator<float[], ModelOutput> {

    private final Shape inputShape;
    private final int qmapLength;

    QualityTranslator(ModelManifest manifest) {
        ModelManifest.InputSpec input = manifest.input();
        this.inputShape = new Shape(input.channels(), input.height(), input.width());
        this.qmapLength = manifest.qmapLength();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] chw) {
        if (chw.length != inputShape.size()) {
            throw new IllegalArgumentException("input has " + chw.length + " floats, the model takes CHW "
                    + inputShape + " = " + inputShape.size());
        }
        return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(chw), inputShape));
    }

    @Override
    public ModelOutput processOutput(TranslatorContext ctx, NDList outputs) {
        if (outputs.size() != 2) {
            throw new IllegalStateException("model must return (score, qmap), returned " + outputs.size() + " tensors");
        }
        NDArray score = outputs.get(0);
        NDArray qmap = outputs.get(1);
        if (score.size() != 1 || qmap.size() != qmapLength) {
            throw new IllegalStateException("per image the model must return 1 score and " + qmapLength
                    + " qmap values, returned " + score.getShape() + " and " + qmap.getShape());
        }
        return new ModelOutput(score.toFloatArray()[0], qmap.toFloatArray());
    }
}
