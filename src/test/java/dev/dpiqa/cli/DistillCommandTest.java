package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.training.CopiedModelCache;
import dev.dpiqa.training.HeldSplit;
import dev.dpiqa.training.SyntheticImages;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dpiqa distill} on a labels CSV: its exit codes and JSON report, with a writable copy of the fixture cache. */
@QuarkusMainTest
@TestProfile(DistillCommandTest.CsvDistill.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistillCommandTest {

    public static class CsvDistill implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host-enabled", "false", "%test.dpiqa.models.intra-op-threads", "1",
                    "%test.dpiqa.distill.epochs", "40", "%test.dpiqa.distill.batch-size", "8",
                    "%test.dpiqa.distill.learning-rate", "0.005", "%test.dpiqa.distill.held-fraction", "0.25",
                    "%test.dpiqa.distill.min-held", "6");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CopiedModelCache.class));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGES = 40;
    private static Path dir;

    @BeforeAll
    static void writeImages() throws IOException {
        dir = Files.createTempDirectory("dpiqa-distill-cli");
        for (int i = 0; i < IMAGES; i++) {
            ImageIO.write(SyntheticImages.image(i), "png", dir.resolve(name(i)).toFile());
        }
    }

    @Test
    @Order(1)
    void promotesAndSaysSoWithExitCodeZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("distill", "--labels", csv("true.csv", SyntheticImages::mos).toString());

        JsonNode report = JSON.readTree(result.getOutput());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(report.path("outcome").asText()).isEqualTo("promoted");
        assertThat(report.path("candidate").asText()).isEqualTo("1.1.1");
        assertThat(result.getErrorOutput()).contains("epoch 40/40", "held-out SRCC");
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.1/model.pt")).isRegularFile();
    }

    @Test
    @Order(2)
    void aRejectionIsExitCodeTenAndKeepsTheVersions(QuarkusMainLauncher launcher) throws Exception {
        HeldSplit split = new HeldSplit(0.25);
        Random random = new Random(42);
        Path noisy = csv("noisy.csv", i -> split.isHeld(name(i)) ? SyntheticImages.mos(i) : 100 * random.nextDouble());

        LaunchResult result = launcher.launch("distill", "--labels", noisy.toString());

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(DistillCommand.REJECTED);
        assertThat(JSON.readTree(result.getOutput()).path("outcome").asText()).isEqualTo("rejected");
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.2")).doesNotExist();
    }

    @Test
    @Order(3)
    void rollbackAndFailureExitCodes(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult rollback = launcher.launch("distill", "--rollback");
        assertThat(rollback.exitCode()).as(rollback.getOutput()).isZero();
        assertThat(JSON.readTree(rollback.getOutput()).path("serving").asText()).isEqualTo("fixture_student/1.1.0");
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.1")).doesNotExist();

        LaunchResult missing = launcher.launch("distill", "--labels", dir.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(missing.getOutput()).path("outcome").asText()).isEqualTo("failed");
    }

    private static Path csv(String file, IntFunction<Double> mos) throws IOException {
        StringBuilder text = new StringBuilder("image,mos\n");
        for (int i = 0; i < IMAGES; i++) {
            text.append(name(i)).append(',').append(mos.apply(i)).append('\n');
        }
        return Files.writeString(dir.resolve(file), text);
    }

    private static String name(int index) {
        return "img-" + index + ".png";
    }
}
