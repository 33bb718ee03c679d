package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.BuildInfo;
import dev.dpiqa.api.TestPictures;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dpiqa command against the fixture models, with the HTTP server disabled as the launcher disables it. */
@QuarkusMainTest
@TestProfile(CliTest.NoHttp.class)
class CliTest {

    public static class NoHttp implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quarkus.http.host-enabled", "false");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpNamesEveryCommandAndOptionAndVersionIsKnown(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("--help").getOutput()).contains("score", "evaluate", "robustness", "models", "serve");
        LaunchResult scoreHelp = launcher.launch("score", "--help");
        assertThat(scoreHelp.exitCode()).isZero();
        assertThat(scoreHelp.getOutput()).contains("--teacher", "--cascade", "--map", "--overlay", "Exit codes");
        assertThat(launcher.launch("--version").getOutput()).contains("dpiqa " + BuildInfo.current().describe());
    }

    @Test
    void scoreWritesOneLinePerInputAndFailsIfAnyInputFailed(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Path photo = Files.write(dir.resolve("photo.png"), TestPictures.png(96, 72));
        Path page = Files.write(dir.resolve("page.jpg"), "<html>no</html>".getBytes(StandardCharsets.UTF_8));
        Path maps = dir.resolve("maps");
        Path overlays = dir.resolve("overlays");

        LaunchResult result = launcher.launch("score", "--map", maps.toString(), "--overlay", overlays.toString(),
                photo.toString(), page.toString(), dir.resolve("missing.png").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        List<JsonNode> lines = lines(result);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("input").asText()).isEqualTo(photo.toString());
        assertThat(lines.get(0).get("mos").asDouble()).isBetween(0.0, 100.0);
        assertThat(lines.get(0).get("stage").asText()).isEqualTo("student");
        Path map = Path.of(java.net.URI.create(lines.get(0).get("quality_map").asText()));
        assertThat(ImageIO.read(map.toFile()).getWidth()).isEqualTo(64);
        Path overlay = Path.of(java.net.URI.create(lines.get(0).get("quality_overlay").asText()));
        assertThat(overlay).hasFileName("photo.overlay.png");
        assertThat(ImageIO.read(overlay.toFile())).extracting(i -> i.getWidth() + "x" + i.getHeight()).isEqualTo("96x72");
        assertThat(lines.get(1).at("/error/reason").asText()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(lines.get(2).at("/error/reason").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void scoreWalksDirectoriesAndHonoursTheTeacherFlag(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Files.write(dir.resolve("a.png"), TestPictures.png(50, 50));
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("sub/b.png"), TestPictures.png(80, 40));
        Files.writeString(dir.resolve("labels.csv"), "image,mos\n");

        LaunchResult result = launcher.launch("score", "--teacher", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(lines(result)).extracting(line -> line.get("stage").asText()).containsExactly("teacher", "teacher");
        assertThat(launcher.launch("score", "--teacher", "--cascade", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void evaluateReportsCorrelationsAndDrawsThePlot(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("image,mos,std\n");
        for (int i = 0; i < 5; i++) {
            Files.write(dir.resolve("img" + i + ".png"), TestPictures.png(40 + 20 * i, 60));
            csv.append("img").append(i).append(".png,").append(20 + 15 * i).append(",3.0\n");
        }
        Path labels = Files.writeString(dir.resolve("labels.csv"), csv);
        Path plot = dir.resolve("scatter.png");

        LaunchResult result = launcher.launch("evaluate", "--images", dir.toString(), "--labels", labels.toString(),
                "--plot", plot.toString());

        assertThat(result.exitCode()).isZero();
        List<JsonNode> output = lines(result);
        assertThat(output).hasSize(1);
        JsonNode report = output.get(0);
        assertThat(report.get("count").asInt()).isEqualTo(5);
        for (String metric : List.of("plcc", "plcc_logistic", "srcc", "krcc", "rmse", "rmse_logistic")) {
            assertThat(report.has(metric)).as(metric).isTrue();
        }
        assertThat(report.get("srcc").asDouble()).isBetween(-1.0, 1.0);
        assertThat(ImageIO.read(plot.toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void evaluateTakesSemicolonsAndRefusesUnusableLabelsAsUsageErrors(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Files.write(dir.resolve("a.png"), TestPictures.png(40, 60));
        Files.write(dir.resolve("b.png"), TestPictures.png(90, 60));
        Path semicolons = Files.writeString(dir.resolve("semicolons.csv"), "image;mos\na.png;20,5\nb.png;80\n");
        Path ratings = Files.writeString(dir.resolve("ratings.csv"), "image,mos\na.png,1.5\nb.png,4.5\n");

        LaunchResult accepted = launcher.launch("evaluate", "--images", dir.toString(), "--labels", semicolons.toString());
        assertThat(accepted.exitCode()).as(accepted.getErrorOutput()).isZero();
        assertThat(lines(accepted).get(0).get("count").asInt()).isEqualTo(2);

        for (Path labels : List.of(dir.resolve("missing.csv"), ratings)) {
            LaunchResult refused = launcher.launch("evaluate", "--images", dir.toString(), "--labels", labels.toString());
            assertThat(refused.exitCode()).as(labels.toString()).isEqualTo(2);
            assertThat(refused.getErrorOutput()).doesNotContain("Exception", "\tat ");
        }
        assertThat(launcher.launch("evaluate", "--images", dir.toString(), "--labels",
                dir.resolve("missing.csv").toString()).getErrorOutput()).contains("no such labels file");
        assertThat(launcher.launch("evaluate", "--images", dir.toString(), "--labels", ratings.toString())
                .getErrorOutput()).contains("looks like a 1-5 rating scale; dpiqa's MOS is 0-100");
    }

    @Test
    void scoringADirectoryWithoutImagesIsAUsageError(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no photos here");

        LaunchResult result = launcher.launch("score", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("no images in " + dir, "extension: bmp, gif, jpeg, jpg, png");
    }

    @Test
    void modelsListsAndVerifiesTheCache(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("models", "--verify");
        assertThat(result.exitCode()).isZero();
        List<JsonNode> lines = lines(result);
        assertThat(lines).extracting(line -> line.get("name").asText() + "/" + line.get("version").asText())
                .containsExactly("fixture_student/1.0.0", "fixture_student/1.1.0", "fixture_student_views/1.0.0",
                        "fixture_teacher/1.0.0", "fixture_teacher_96/1.0.0");
        assertThat(lines).allMatch(line -> line.get("sha256_verified").asBoolean());
        // Nothing is loaded here: serving marks what score would load, the newest student and the teacher.
        assertThat(lines).extracting(line -> line.get("serving").asBoolean()).containsExactly(false, true, false, true, false);
        // Which engine would serve each on this CPU: ONNX Runtime where a version has an ONNX file (issue 27).
        assertThat(lines).extracting(line -> line.get("engine").asText())
                .containsExactly("onnxruntime", "onnxruntime", "onnxruntime", "pytorch", "pytorch");
        assertThat(lines.get(0).get("engines")).extracting(JsonNode::asText).containsExactly("pytorch", "onnxruntime");
    }

    @Test
    @Launch(value = "serve", exitCode = 2)
    void serveRefusesToRunWithoutHttp(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("HTTP server is disabled");
    }

    /** The JSON lines; the test launcher also captures log records into the output, the real one sends them to stderr. */
    private static List<JsonNode> lines(LaunchResult result) throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : result.getOutputStream()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
