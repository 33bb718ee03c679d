package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import dev.dpiqa.redistill.djl.DjlStudentTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Fine-tuning a TorchScript student in Java: the loss falls, and Python's torch reads the result identically. */
class DjlStudentTrainerTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void learnsTheLabelsAndWritesAModuleThatTorchLoadsWithTheSameOutputs(@TempDir Path dir) throws Exception {
        CachedModel parent = Fixtures.cached(Fixtures.STUDENT, "1.1.0");
        Path staging = new ModelCacheWriter(dir, new ObjectMapper()).stagingFolder(parent.manifest().name());
        double[] losses;
        try (SampleStore samples = new SampleStore(dir, parent.manifest().inputLength(), parent.manifest().qmapLength())) {
            IntStream.range(0, 32).forEach(i -> samples.add(new TrainingSample(SyntheticImages.chw(i),
                    (float) SyntheticImages.mos(i) / 100f, Float.NaN, null)));
            losses = new DjlStudentTrainer(Fixtures.loader().device()).train(parent, samples,
                    new TrainingSettings(15, 8, 0.02f, 1f, 7), staging.resolve("model.pt"), (e, n, loss, s) -> { });
        }
        assertThat(losses[losses.length - 1]).isLessThan(losses[0] / 3);

        CachedModel trained = new ModelCacheWriter(dir, new ObjectMapper()).describe(staging, parent, "1.1.1",
                Map.of(), Map.of("parent", parent.id().toString()));
        List<float[]> inputs = List.of(SyntheticImages.chw(100), SyntheticImages.chw(101), Fixtures.noise(3));
        List<ModelOutput> djl;
        try (QualityModel model = Fixtures.loader().load(trained)) {
            djl = model.predict(inputs);
        }
        assertThat(djl.get(0).score01()).isNotEqualTo(djl.get(1).score01());

        assumeThat(PYTHON).as("Debian's python3 with torch (installed by .ci/run)").isExecutable();
        List<Double> python = torchScores(trained.modelFile(), inputs, dir);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(python.get(i)).as("image %d", i).isCloseTo(djl.get(i).score01(),
                    org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    /** A student reading two views (6 channels) re-distils like one reading the whole photo. */
    @Test
    void fineTunesAStudentOfStackedViews(@TempDir Path dir) throws Exception {
        CachedModel parent = Fixtures.cached("fixture_student_views", "1.0.0");
        int length = parent.manifest().inputLength();
        assertThat(length).isEqualTo(6 * 64 * 64);
        Path staging = new ModelCacheWriter(dir, new ObjectMapper()).stagingFolder(parent.manifest().name());
        double[] losses;
        try (SampleStore samples = new SampleStore(dir, length, parent.manifest().qmapLength())) {
            IntStream.range(0, 16).forEach(i -> samples.add(new TrainingSample(Fixtures.noise(i, length),
                    i % 2 == 0 ? 0.2f : 0.8f, Float.NaN, null)));
            losses = new DjlStudentTrainer(Fixtures.loader().device()).train(parent, samples,
                    new TrainingSettings(10, 8, 0.02f, 1f, 7), staging.resolve("model.pt"), (e, n, loss, s) -> { });
        }
        assertThat(losses[losses.length - 1]).isLessThan(losses[0]);
    }

    /** The shipped student has dropout: its masks must follow the run's seed, or a run cannot be repeated. */
    @Test
    void oneSeedTrainsOneModel(@TempDir Path dir) throws Exception {
        CachedModel parent = new ModelRegistry(Path.of("model-cache")).resolve("dpiqa_student_mobilenetv2",
                Optional.empty());
        float[] probe = Fixtures.noise(99, parent.manifest().inputLength());

        float first = score(fineTuned(parent, dir.resolve("a"), 1), probe);
        float again = score(fineTuned(parent, dir.resolve("b"), 1), probe);
        float otherSeed = score(fineTuned(parent, dir.resolve("c"), 2), probe);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** One step on one noise image: the seeds can differ only in the dropout mask. */
    private static CachedModel fineTuned(CachedModel parent, Path dir, long seed) throws Exception {
        ModelCacheWriter writer = new ModelCacheWriter(dir, new ObjectMapper());
        Path staging = writer.stagingFolder(parent.manifest().name());
        try (SampleStore samples = new SampleStore(dir, parent.manifest().inputLength(), parent.manifest().qmapLength())) {
            samples.add(new TrainingSample(Fixtures.noise(0, parent.manifest().inputLength()), 0.2f, Float.NaN, null));
            new DjlStudentTrainer(Fixtures.loader().device()).train(parent, samples,
                    new TrainingSettings(1, 1, 1e-3f, 0f, seed), staging.resolve("model.pt"), (e, n, loss, s) -> { });
        }
        return writer.describe(staging, parent, "9.9.9", Map.of(), Map.of());
    }

    private static float score(CachedModel cached, float[] image) throws Exception {
        try (QualityModel model = Fixtures.loader().load(cached)) {
            return model.predict(List.of(image)).get(0).score01();
        }
    }

    /** Runs the module in Python's torch on the same float32 inputs; prints the score and qmap mean of each. */
    private static List<Double> torchScores(Path model, List<float[]> inputs, Path dir) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(inputs.size() * inputs.get(0).length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] input : inputs) {
            for (float v : input) {
                bytes.putFloat(v);
            }
        }
        Path tensor = Files.write(dir.resolve("input.f32"), bytes.array());
        String script = "import sys, numpy, torch\n"
                + "m = torch.jit.load(sys.argv[1], map_location='cpu')\n"
                + "x = torch.from_numpy(numpy.fromfile(sys.argv[2], dtype='<f4').reshape(" + inputs.size()
                + ", 3, 64, 64))\n"
                + "assert not m.training, 'written in training mode'\n"
                + "with torch.no_grad():\n    s, q = m(x)\n"
                + "print(' '.join(repr(float(v)) for v in s))\n";
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", script, model.toString(), tensor.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String[] last = output.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        List<Double> scores = new ArrayList<>();
        for (String value : last) {
            scores.add(Double.parseDouble(value));
        }
        return scores;
    }
}
