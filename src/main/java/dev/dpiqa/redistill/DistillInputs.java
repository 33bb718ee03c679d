package dev.dpiqa.redistill;

import java.util.List;

/**
 * The data of one run.
 *
 * @param labels      every usable label, newest last; split into training and held-out by {@link HeldSplit}
 * @param unlabelled  recent uploads for teacher soft targets (ignored without a teacher)
 * @param description where the data came from (topic and offsets, or a CSV), for the lineage
 */
public record DistillInputs(List<LabelledImage> labels, List<UnlabelledImage> unlabelled, String description) {
}
