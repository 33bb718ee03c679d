package dev.dpiqa.redistill.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * MSE of the score to its target (the human label, or the teacher's score where there is none) plus λ times the
 * MSE of the quality map to the teacher's, counted only for samples that have a teacher map.
 *
 * <p>Labels: {@code [score target [B], teacher map [B,C,H,W], map mask [B]]}; predictions: the model's
 * {@code (score [B], qmap [B,C,H,W])}.
 */
final class DistillationLoss extends Loss {

    private final float mapWeight;

    DistillationLoss(float mapWeight) {
        super("distillation");
        this.mapWeight = mapWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray scoreLoss = predictions.get(0).sub(labels.get(0)).square().mean();
        if (mapWeight == 0f) {
            return scoreLoss;
        }
        NDArray mask = labels.get(2);
        NDArray difference = predictions.get(1).sub(labels.get(1));
        // libtorch's mean takes one axis here: flatten each map first
        NDArray perImage = difference.reshape(difference.getShape().get(0), -1).square().mean(new int[] {1});
        // Mean over the images that have a map; max(1) keeps a batch without any map at zero, not NaN.
        NDArray mapLoss = perImage.mul(mask).sum().div(mask.sum().maximum(1f));
        return scoreLoss.add(mapLoss.mul(mapWeight));
    }
}
