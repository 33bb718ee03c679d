package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.api.TestPictures;
import dev.dpiqa.robustness.Degradations;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** dpiqa robustness against the fixture student, on a sample photo and a generated one. */
@QuarkusMainTest
@TestProfile(CliTest.NoHttp.class)
class RobustnessCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("src/main/resources/samples/photos");

    @Test
    void reportsEveryKindAndStartsFromTheScoreThatScoreGives(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Path sample = Files.copy(SAMPLES.resolve("715.JPG"), dir.resolve("715.JPG"));
        Files.write(dir.resolve("generated.png"), TestPictures.png(120, 90));
        Files.writeString(dir.resolve("mos.csv"), "image,mos\n");

        LaunchResult result = launcher.launch("robustness", dir.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        JsonNode report = onlyReport(result);
        assertThat(report.get("mode").asText()).isEqualTo("student");
        assertThat(report.get("count").asInt()).isEqualTo(2);
        assertThat(report.get("failures")).isEmpty();
        assertThat(report.get("models").get(0).asText()).startsWith("fixture_student/");
        assertThat(report.get("monotonicity").asDouble()).isBetween(-1.0, 1.0);
        assertThat(names(report.get("kinds"))).containsExactlyElementsOf(Degradations.KINDS);
        for (String kind : Degradations.KINDS) {
            JsonNode summary = report.get("kinds").get(kind);
            assertThat(summary.get("monotonicity").asDouble()).as(kind).isBetween(-1.0, 1.0);
            assertThat(summary.get("parameter").asText()).isNotBlank();
            JsonNode levels = summary.get("levels");
            assertThat(levels).hasSize(6);
            assertThat(levels.get(0).has("strength")).isFalse();
            for (int level = 0; level < 6; level++) {
                assertThat(levels.get(level).get("level").asInt()).isEqualTo(level);
                assertThat(levels.get(level).get("mean_mos").asDouble()).isBetween(0.0, 100.0);
                assertThat(level == 0 || levels.get(level).get("strength").asDouble() > 0).isTrue();
            }
        }
        JsonNode images = report.get("images");
        assertThat(images).extracting(image -> image.get("input").asText())
                .containsExactly(sample.toString(), dir.resolve("generated.png").toString());
        assertThat(images.get(0).get("width").asInt()).isEqualTo(500);
        JsonNode blurScores = images.get(0).get("kinds").get("blur").get("mos");
        assertThat(blurScores).hasSize(6);

        JsonNode scored = lines(launcher.launch("score", sample.toString())).get(0);
        // score prints two decimals; batched and single forward passes may differ in the last float digits besides.
        assertThat(blurScores.get(0).asDouble()).isCloseTo(scored.get("mos").asDouble(), within(0.005 + 1e-3));
    }

    @Test
    void narrowsKindsLevelsAndImagesAndRepeatsWithTheSameSeed(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.write(dir.resolve("img" + i + ".png"), TestPictures.png(60 + 10 * i, 50));
        }
        String[] args = {"robustness", "--kinds", "noise,jpeg", "--levels", "3", "--seed", "11", "--max-images", "2",
                dir.toString()};

        JsonNode first = onlyReport(launcher.launch(args));
        JsonNode second = onlyReport(launcher.launch(args));

        assertThat(first.get("count").asInt()).isEqualTo(2);
        assertThat(first.get("seed").asLong()).isEqualTo(11);
        assertThat(names(first.get("kinds"))).containsExactly("noise", "jpeg");
        assertThat(first.at("/kinds/noise/levels")).hasSize(4);
        // Same seed, same noise; the scores themselves agree only to float precision, since the micro-batcher may
        // group the versions differently between runs (as the comparison with score above allows for too).
        JsonNode again = second.at("/images/1/kinds/noise/mos");
        assertThat(again).hasSize(4);
        for (int level = 0; level < 4; level++) {
            assertThat(first.at("/images/1/kinds/noise/mos/" + level).asDouble())
                    .isCloseTo(again.get(level).asDouble(), within(1e-3));
        }
    }

    @Test
    void listsPhotosThatCannotBeReadAndMeasuresTheRest(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Files.write(dir.resolve("a.png"), TestPictures.png(80, 60));
        Files.write(dir.resolve("b.jpg"), "<html>no</html>".getBytes(StandardCharsets.UTF_8));

        LaunchResult result = launcher.launch("robustness", "--kinds", "underexposure", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = onlyReport(result);
        assertThat(report.get("count").asInt()).isEqualTo(1);
        assertThat(report.at("/failures/0/input").asText()).endsWith("b.jpg");
        assertThat(report.at("/failures/0/reason").asText()).isEqualTo("UNSUPPORTED_TYPE");

        Files.delete(dir.resolve("a.png"));
        assertThat(launcher.launch("robustness", dir.toString()).exitCode()).isEqualTo(3);
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no photos here");
        Files.write(dir.resolve("a.png"), TestPictures.png(40, 40));

        assertUsageError(launcher.launch("robustness", empty.toString()), "no images in " + empty);
        assertUsageError(launcher.launch("robustness", dir.resolve("missing").toString()), "no such directory");
        assertUsageError(launcher.launch("robustness", "--kinds", "blur,sharpen", dir.toString()),
                "unknown kind 'sharpen'");
        assertUsageError(launcher.launch("robustness", "--levels", "1", dir.toString()), "--levels");
    }

    private static void assertUsageError(LaunchResult result, String message) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains(message).doesNotContain("Exception");
        assertThat(result.getOutput()).doesNotContain("{");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode onlyReport(LaunchResult result) throws Exception {
        List<JsonNode> lines = lines(result);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** The JSON lines; the test launcher also captures log records into the output. */
    private static List<JsonNode> lines(LaunchResult result) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.getOutputStream()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
