package dev.dpiqa.scoring;

import static dev.dpiqa.scoring.ScoringFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dpiqa.model.ControlledModel;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ServingModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CascadeScorerTest {

    private static final MicroBatchConfig BATCHING = new MicroBatchConfig(4, Duration.ofMillis(2), 64, 1);
    private static final double BAND = 5.0;
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final float[] image = Fixtures.noise(11);
    private final List<ControlledModel> teachers = new CopyOnWriteArrayList<>();
    private ServingModel studentModel;
    private ServingModel teacherModel;
    private double studentMos;
    private Duration lastAnswerTook;

    @BeforeEach
    void loadModels() throws Exception {
        studentModel = ScoringFixtures.student();
        teacherModel = ScoringFixtures.teacher(ControlledModel.loader(teachers));
        studentMos = studentModel.predict(List.of(image)).get(0).output().score01() * 100.0;
        assertThat(studentMos).as("fixture image must leave room for thresholds 20 MOS away").isBetween(20.0, 80.0);
    }

    @AfterEach
    void closeModels() {
        studentModel.close();
        teacherModel.close();
    }

    @Test
    void aBorderlineScoreGoesToTheTeacher() throws Exception {
        double teacherMos = teacherModel.predict(List.of(image)).get(0).output().score01() * 100.0;

        QualityScore score = scoreWith(thresholdsAround(2.0));

        assertThat(score.stage()).isEqualTo(Stage.TEACHER);
        assertThat(score.model().name()).isEqualTo(Fixtures.TEACHER);
        assertThat(score.mos()).isCloseTo(teacherMos, within(1e-3)).isNotCloseTo(studentMos, within(1.0));
    }

    @Test
    void aClearScoreStaysWithTheStudent() throws Exception {
        int teacherCallsBefore = teacher().batchSizes().size();

        QualityScore score = scoreWith(thresholdsAround(20.0));

        assertThat(score.stage()).isEqualTo(Stage.STUDENT);
        assertThat(score.mos()).isCloseTo(studentMos, within(1e-3));
        assertThat(teacher().batchSizes()).hasSize(teacherCallsBefore);
    }

    @Test
    void aFailingTeacherLeavesTheStudentScoreFlagged() throws Exception {
        teacher().failCalls(new ModelInferenceException("teacher node lost"));

        QualityScore score = scoreWith(thresholdsAround(2.0));

        assertThat(score.stage()).isEqualTo(Stage.STUDENT_TEACHER_UNAVAILABLE);
        assertThat(score.model().name()).isEqualTo(Fixtures.STUDENT);
        assertThat(score.mos()).isCloseTo(studentMos, within(1e-3));
    }

    @Test
    void aSlowTeacherIsAbandonedAtTheDeadline() throws Exception {
        teacher().delayCalls(Duration.ofSeconds(2));

        QualityScore score = scoreWith(thresholdsAround(2.0));

        assertThat(score.stage()).isEqualTo(Stage.STUDENT_TEACHER_UNAVAILABLE);
        assertThat(score.mos()).isCloseTo(studentMos, within(1e-3));
        assertThat(lastAnswerTook).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.plusMillis(700));
        assertThat(score.latency()).isGreaterThanOrEqualTo(DEADLINE).isLessThanOrEqualTo(lastAnswerTook);
    }

    /** Reject threshold {@code distance} below the student's MOS, accept 20 above: borderline iff distance <= 5. */
    private VerdictPolicy thresholdsAround(double distance) {
        return new VerdictPolicy(studentMos - distance, studentMos + 20.0, BAND);
    }

    private QualityScore scoreWith(VerdictPolicy policy) throws Exception {
        try (StudentScorer student = new StudentScorer(studentModel, policy, BATCHING);
             TeacherScorer teacher = new TeacherScorer(teacherModel, policy, BATCHING)) {
            CascadeScorer cascade = new CascadeScorer(student, teacher, policy, DEADLINE);
            long start = System.nanoTime();
            QualityScore score = cascade.score(input(image), false).get(10, TimeUnit.SECONDS);
            lastAnswerTook = Duration.ofNanos(System.nanoTime() - start);
            return score;
        } // closing waits for a teacher call still running, which is why the answer is timed before it

    }

    private ControlledModel teacher() {
        return teachers.get(0);
    }
}
