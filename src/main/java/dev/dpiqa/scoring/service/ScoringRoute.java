package dev.dpiqa.scoring.service;

import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.scoring.QualityScorer;

import java.util.function.Supplier;

/**
 * A scorer and the input its (first) model takes. The input is asked for on every image, since a hot-swap may
 * bring a version with another size.
 */
public record ScoringRoute(QualityScorer scorer, Supplier<ModelManifest.InputSpec> input) {
}
