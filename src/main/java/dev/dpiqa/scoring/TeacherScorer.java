package dev.dpiqa.scoring;

import dev.dpiqa.model.ModelRole;
import dev.dpiqa.model.ServingModel;

/** The slow, more accurate path for the images the cascade sends on; batched too, which pays off most on a GPU. */
public final class TeacherScorer extends ModelScorer {

    public TeacherScorer(ServingModel teacher, VerdictPolicy policy, MicroBatchConfig batching) {
        super(teacher, policy, batching, ModelRole.TEACHER, Stage.TEACHER);
    }
}
