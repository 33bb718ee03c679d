package dev.dpiqa.scoring;

import dev.dpiqa.image.ModelViews;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Student first; the teacher only for the images its {@link VerdictPolicy} calls borderline (a student MOS near a
 * verdict threshold), the same rule the Kafka cascade applies. A teacher that fails or misses the deadline never fails the request: the student's score stands as
 * {@link Stage#STUDENT_TEACHER_UNAVAILABLE}. The result's stage says which model decided. Each model takes the
 * image at its own input size (a teacher's is usually larger than its student's).
 */
public final class CascadeScorer implements QualityScorer {

    private static final System.Logger LOG = System.getLogger(CascadeScorer.class.getName());

    private final QualityScorer student;
    private final QualityScorer teacher;
    private final VerdictPolicy policy;
    private final Duration teacherDeadline;

    /**
     * @param policy          the one the student scores with, so "borderline" matches its verdicts
     * @param teacherDeadline how long to wait for the teacher before the student's score stands, flagged
     */
    public CascadeScorer(QualityScorer student, QualityScorer teacher, VerdictPolicy policy,
                         Duration teacherDeadline) {
        if (teacherDeadline.isNegative() || teacherDeadline.isZero()) {
            throw new IllegalArgumentException("need a positive teacher deadline, got " + teacherDeadline);
        }
        this.student = student;
        this.teacher = teacher;
        this.policy = policy;
        this.teacherDeadline = teacherDeadline;
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
                (policy.isBorderline(studentScore.mos())
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
                .orTimeout(teacherDeadline.toNanos(), TimeUnit.NANOSECONDS)
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
