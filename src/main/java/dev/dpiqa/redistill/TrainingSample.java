package dev.dpiqa.redistill;

/**
 * One image ready for training or evaluation, on the model's [0,1] score scale.
 *
 * @param input        CHW RGB in [0,1] at the student's input size
 * @param label        the human label /100 (mos_scale), NaN when the image is unlabelled
 * @param teacherScore the teacher's score, NaN without a teacher
 * @param teacherMap   the teacher's quality map, null without a teacher (or when its shape differs from the student's)
 */
public record TrainingSample(float[] input, float label, float teacherScore, float[] teacherMap) {

    public boolean labelled() {
        return !Float.isNaN(label);
    }

    /** What the student's score is pulled towards: the human label where there is one, else the teacher. */
    public float scoreTarget() {
        return labelled() ? label : teacherScore;
    }
}
