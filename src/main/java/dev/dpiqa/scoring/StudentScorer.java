package dev.dpiqa.scoring;

import dev.dpiqa.model.ModelRole;
import dev.dpiqa.model.ServingModel;

/** The fast path: every image is scored by the distilled student, micro-batched across callers. */
public final class StudentScorer extends ModelScorer {

    public StudentScorer(ServingModel student, VerdictPolicy policy, MicroBatchConfig batching) {
        super(student, policy, batching, ModelRole.STUDENT, Stage.STUDENT);
    }
}
