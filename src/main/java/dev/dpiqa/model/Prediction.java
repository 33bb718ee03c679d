package dev.dpiqa.model;

/** A model output together with the exact model version that produced it (versions change under hot-swap). */
public record Prediction(ModelManifest model, ModelOutput output) {
}
