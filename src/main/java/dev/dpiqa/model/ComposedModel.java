package dev.dpiqa.model;

import java.util.ArrayList;
import java.util.List;

/** A composed version as served: the weighted sum of its parts' scores and quality maps, part by part in order. */
final class ComposedModel implements QualityModel {

    private final ModelManifest manifest;
    private final List<QualityModel> parts;
    private final double[] weights;

    ComposedModel(ModelManifest manifest, List<QualityModel> parts, double[] weights) {
        this.manifest = manifest;
        this.parts = List.copyOf(parts);
        this.weights = weights.clone();
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    /** The engine of its own file; the versions beside it report theirs when loaded alone. */
    @Override
    public ModelEngine engine() {
        return parts.get(0).engine();
    }

    @Override
    public List<ModelOutput> predict(List<float[]> inputs) {
        double[] scores = new double[inputs.size()];
        List<float[]> maps = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            List<ModelOutput> outputs = parts.get(p).predict(inputs);
            for (int i = 0; i < outputs.size(); i++) {
                ModelOutput out = outputs.get(i);
                scores[i] += weights[p] * out.score01();
                if (p == 0) {
                    maps.add(new float[out.qmap().length]);
                }
                float[] sum = maps.get(i);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += (float) (weights[p] * out.qmap()[k]);
                }
            }
        }
        List<ModelOutput> combined = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            combined.add(new ModelOutput((float) scores[i], maps.get(i)));
        }
        return combined;
    }

    @Override
    public void close() {
        parts.forEach(QualityModel::close);
    }
}
