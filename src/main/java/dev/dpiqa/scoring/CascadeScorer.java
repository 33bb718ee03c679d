package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Student first; the teacher only for borderline images, i.e. a student MOS within {@code bandMos} of a verdict
 * threshold. A teacher that fails or misses the deadline never fails the request: the student's score stands as
 * {@link Stage#STUDENT_TEACHER_UNAVAILABLE}. The result's stage says which model decided. Each model takes the
 * image at its own input size (a teacher's is usually larger than its student's).
 */
public final class CascadeScorer implements QualityScorer {

    private static final System.Logger LOG = System.getLogger(CascadeScorer.class.getName());

    private final QualityScorer student;
    private final QualityScorer teacher;
    private final VerdictPolicy policy;
    private final CascadeConfig config;

    /** {@code policy} should be the one the student scores with, so "borderline" matches its verdicts. */
    public CascadeScorer(QualityScorer student, QualityScorer teacher, VerdictPolicy policy, CascadeConfig config) {
        this.student = student;
        this.teacher = teacher;
        this.policy = policy;
        this.config = config;
    }

    /** The student's: every image reaches it first. */
    @Override
    public ModelViews input() {
        return student.input();
    }

    @Override
    public CompletableFuture<QualityScore> score(ImageTensor image, boolean withQualityMap) {
        long start = System.nanoTime();
        return student.score(image, withQualityMap).thenCompose(studentScore ->
                (policy.isBorderline(studentScore.mos(), config.bandMos())
                        ? askTeacher(image, withQualityMap, studentScore)
                        : CompletableFuture.completedFuture(studentScore))
                        .thenApply(decided -> decided.withLatency(Duration.ofNanos(System.nanoTime() - start))));
    }

    private CompletableFuture<QualityScore> askTeacher(ImageTensor image, boolean withQualityMap,
                                                       QualityScore studentScore) {
        CompletableFuture<QualityScore> teacherScore;
        try {
            teacherScore = teacher.score(image, withQualityMap);
        } catch (RuntimeException e) {
            teacherScore = CompletableFuture.failedFuture(e);
        }
        return teacherScore
                .orTimeout(config.teacherDeadline().toNanos(), TimeUnit.NANOSECONDS)
                .handle((decided, failure) -> {
                    if (failure == null) {
                        return decided;
                    }
                    LOG.log(Level.WARNING, "teacher unavailable, student score {0} of {1} stands: {2}",
                            studentScore.mos(), studentScore.model(), failure.toString());
                    return studentScore.withStage(Stage.STUDENT_TEACHER_UNAVAILABLE);
                });
    }
}
