package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.redistill.CopiedModelCache;
import dev.dpiqa.redistill.HeldSplit;
import dev.dpiqa.redistill.SyntheticImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dpiqa distill} on a labels CSV: its exit codes and JSON report, with a writable copy of the fixture cache.
 * Run through the application's picocli command line in one {@code @QuarkusTest}: the runs share one start-up and
 * see each other's versions in the copied cache.
 */
@QuarkusTest
@TestProfile(DistillCommandTest.CsvDistill.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistillCommandTest {

    public static class CsvDistill implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.dpiqa.models.intra-op-threads", "1",
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

    /** What one command run printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {
    }

    @Inject
    CommandLine commandLine;
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
    void promotesAndSaysSoWithExitCodeZero() throws Exception {
        Run result = distill("--labels", csv("true.csv", SyntheticImages::mos).toString());

        JsonNode report = JSON.readTree(result.out());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(report.path("outcome").asText()).isEqualTo("promoted");
        assertThat(report.path("candidate").asText()).isEqualTo("1.1.1");
        assertThat(result.err()).contains("epoch 40/40", "held-out SRCC");
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.1/model.pt")).isRegularFile();
    }

    @Test
    @Order(2)
    void aRejectionIsExitCodeTenAndKeepsTheVersions() throws Exception {
        HeldSplit split = new HeldSplit(0.25);
        Random random = new Random(42);
        Path noisy = csv("noisy.csv", i -> split.isHeld(name(i)) ? SyntheticImages.mos(i) : 100 * random.nextDouble());

        Run result = distill("--labels", noisy.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(DistillCommand.REJECTED);
        assertThat(JSON.readTree(result.out()).path("outcome").asText()).isEqualTo("rejected");
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.2")).doesNotExist();
    }

    @Test
    @Order(3)
    void rollbackAndFailureExitCodes() throws Exception {
        Run rollback = distill("--rollback");
        assertThat(rollback.exitCode()).as(rollback.out()).isZero();
        assertThat(JSON.readTree(rollback.out()).path("serving").asText()).isEqualTo("fixture_student/1.1.0");
        assertThat(JSON.readTree(rollback.out()).path("announced").asBoolean()).isFalse(); // no broker here
        assertThat(CopiedModelCache.root().resolve("fixture_student/1.1.1")).doesNotExist();

        Run missing = distill("--labels", dir.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(missing.out()).path("outcome").asText()).isEqualTo("failed");
    }

    /** The command writes to System.out and System.err itself, as the launcher's process would see them. */
    private Run distill(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            String[] line = new String[args.length + 1];
            line[0] = "distill";
            System.arraycopy(args, 0, line, 1, args.length);
            int code = commandLine.execute(line);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
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
