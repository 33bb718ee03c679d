package dev.dpiqa.scoring;

import static dev.dpiqa.scoring.ScoringFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dpiqa.model.ControlledModel;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelId;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ServingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StudentScorerTest {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private static final MicroBatchConfig UNBATCHED = new MicroBatchConfig(1, Duration.ZERO, 64, 1);
    private static final MicroBatchConfig BATCHED = new MicroBatchConfig(8, Duration.ofMillis(200), 64, 1);

    @Test
    void scoresOnTheMosScaleWithVerdictAndOptionalMap() throws Exception {
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, UNBATCHED)) {
            float[] image = Fixtures.noise(7);
            ModelOutput raw = model.predict(List.of(image)).get(0).output();

            QualityScore withMap = scorer.score(input(image), true).get();
            QualityScore withoutMap = scorer.score(input(image), false).get();

            assertThat(withMap.mos()).isCloseTo(raw.score01() * 100.0, within(1e-9)).isBetween(0.0, 100.0);
            assertThat(withMap.verdict()).isEqualTo(POLICY.verdictFor(withMap.mos()));
            assertThat(withMap.stage()).isEqualTo(Stage.STUDENT);
            assertThat(withMap.model()).isEqualTo(new ModelId(Fixtures.STUDENT, "1.0.0"));
            assertThat(withMap.latency()).isPositive();
            assertThat(withMap.qualityMap()).hasValueSatisfying(map -> {
                assertThat(map.channels()).isEqualTo(8);
                assertThat(map.height()).isEqualTo(64);
                assertThat(map.width()).isEqualTo(64);
                assertThat(map.values()).containsExactly(raw.qmap());
            });
            assertThat(withoutMap.qualityMap()).isEmpty();
        }
    }

    @Test
    void microBatchedScoresEqualSingleScores() throws Exception {
        List<float[]> images = IntStream.range(0, 8).mapToObj(Fixtures::noise).toList();
        List<ControlledModel> loaded = new CopyOnWriteArrayList<>();
        List<QualityScore> single = new ArrayList<>();
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, UNBATCHED)) {
            for (float[] image : images) {
                single.add(scorer.score(input(image), true).get());
            }
        }

        ExecutorService callers = Executors.newFixedThreadPool(images.size());
        try (ServingModel model = new ServingModel(ControlledModel.loader(loaded),
                Fixtures.cached(Fixtures.STUDENT, "1.0.0"));
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHED)) {
            List<CompletableFuture<QualityScore>> batched = images.stream()
                    .map(image -> CompletableFuture.supplyAsync(() -> scorer.score(input(image), true), callers)
                            .thenCompose(f -> f))
                    .toList();

            for (int i = 0; i < images.size(); i++) {
                QualityScore b = batched.get(i).get();
                assertThat(b.mos()).isCloseTo(single.get(i).mos(), within(1e-5 * 100)); // 1e-5 on the [0,1] score
                float[] expectedMap = single.get(i).qualityMap().orElseThrow().values();
                float[] actualMap = b.qualityMap().orElseThrow().values();
                for (int j = 0; j < expectedMap.length; j++) {
                    assertThat(actualMap[j]).isCloseTo(expectedMap[j], within(1e-5f));
                }
            }
            // The smoke test on load is one call of 1; the 8 requests must have shared forward passes.
            List<Integer> servingBatches = loaded.get(0).batchSizes().subList(1, loaded.get(0).batchSizes().size());
            assertThat(servingBatches).hasSizeLessThan(images.size()).anySatisfy(size -> assertThat(size).isGreaterThan(1));
            assertThat(servingBatches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(images.size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void batchesAsTheEngineServingEachBatchPrefersSoAHotSwapToAnotherEngineResizesThem() throws Exception {
        List<ControlledModel> loaded = new CopyOnWriteArrayList<>();
        MicroBatchConfig byEngine = new MicroBatchConfig(MicroBatchConfig.BY_ENGINE, Duration.ofMillis(200), 64, 1);
        try (ServingModel model = new ServingModel(ControlledModel.loader(loaded),
                Fixtures.cached(Fixtures.STUDENT, "1.0.0"));
             StudentScorer scorer = new StudentScorer(model, POLICY, byEngine)) {
            loaded.get(0).reportEngine(ModelEngine.ONNXRUNTIME);
            scoreSevenWhileTheFirstIsHeld(scorer, loaded.get(0));

            model.swapTo(Fixtures.cached(Fixtures.STUDENT, "1.1.0")); // loaded on PyTorch
            scoreSevenWhileTheFirstIsHeld(scorer, loaded.get(1));

            assertThat(servingBatches(loaded.get(0))).containsOnly(1).hasSize(7);
            assertThat(servingBatches(loaded.get(1))).containsExactly(1, 6);
        }
    }

    /** One request enters the model and is held there while six more queue behind it; then all are released. */
    private static void scoreSevenWhileTheFirstIsHeld(StudentScorer scorer, ControlledModel model) throws Exception {
        model.holdCalls();
        List<CompletableFuture<QualityScore>> scores = new ArrayList<>();
        scores.add(scorer.score(input(Fixtures.noise(0)), false));
        assertThat(model.awaitCallEntered(Duration.ofSeconds(10))).isTrue();
        IntStream.range(1, 7).forEach(i -> scores.add(scorer.score(input(Fixtures.noise(i)), false)));
        model.releaseCalls();
        CompletableFuture.allOf(scores.toArray(CompletableFuture[]::new)).get();
    }

    /** The batch sizes a model served, without its smoke test at load (one call of 1). */
    private static List<Integer> servingBatches(ControlledModel model) {
        return model.batchSizes().subList(1, model.batchSizes().size());
    }

    @Test
    void aMalformedImageFailsAloneAndFast() throws Exception {
        try (ServingModel model = ScoringFixtures.student();
             StudentScorer scorer = new StudentScorer(model, POLICY, BATCHED)) {
            CompletableFuture<QualityScore> good = scorer.score(input(Fixtures.noise(1)), false);
            CompletableFuture<QualityScore> bad = scorer.score(views -> new float[10], false);

            assertThat(bad).isCompletedExceptionally();
            assertThatThrownBy(bad::join).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 12288");
            assertThat(good.get().mos()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void refusesATeacherModel() throws Exception {
        try (ServingModel teacher = ScoringFixtures.teacher(Fixtures.loader())) {
            assertThatThrownBy(() -> new StudentScorer(teacher, POLICY, UNBATCHED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a STUDENT model");
        }
    }
}
