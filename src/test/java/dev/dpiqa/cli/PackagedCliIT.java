package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application ({@code target/quarkus-app}) with the shipped student: scoring the bundled sample
 * photos, and the README's demo (its own broker, the service, sample uploads, answers).
 * Unit tests run in Quarkus' test class loading, which hides packaging faults (a DJL dependency outside its class
 * loader once made every packaged run hang); only the real jar shows them.
 */
@QuarkusMainIntegrationTest
class PackagedCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("src/main/resources/samples/photos");

    @Test
    void scoresTheSamplePhotosInTheOrderOfTheirHumanRatings(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("score", SAMPLES.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        Map<String, Double> mos = result.getOutput().lines().filter(line -> line.startsWith("{"))
                .map(PackagedCliIT::parse)
                .collect(Collectors.toMap(n -> Path.of(n.get("input").asText()).getFileName().toString(),
                        n -> n.get("mos").asDouble()));
        List<String> byHumans = Files.readAllLines(SAMPLES.resolve("mos.csv")).stream().skip(1)
                .sorted((a, b) -> Double.compare(rating(a), rating(b))).map(l -> l.split(",")[0]).toList();
        assertThat(mos).containsOnlyKeys(byHumans);
        // The worst- and best-rated photos by people are the model's worst and best too.
        String worst = byHumans.get(0);
        String best = byHumans.get(byHumans.size() - 1);
        assertThat(mos.get(worst)).isEqualTo(mos.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        assertThat(mos.get(best)).isGreaterThan(mos.get(worst) + 40);
    }

    @Test
    void theDemoAnswersEverySampleUploadThroughItsOwnBroker(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("demo");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<JsonNode> answers = result.getOutput().lines().filter(line -> line.startsWith("{"))
                .map(PackagedCliIT::parse).toList();
        List<String> samples = Files.readAllLines(SAMPLES.resolve("mos.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).toList();
        assertThat(answers.stream().filter(a -> a.get("topic").asText().equals("image-quality"))
                .map(a -> a.get("asset_id").asText())).containsExactlyInAnyOrderElementsOf(samples);
        assertThat(answers.stream().filter(a -> a.get("topic").asText().equals("image-uploads-dlq"))
                .map(a -> a.get("reason_code").asText()))
                .containsExactlyInAnyOrder("IMAGE_UNSUPPORTED_TYPE", "FETCH_NOT_FOUND");
    }

    /** Help only prints: the commands that use Kafka must not start a broker or try to reach one for it. */
    @Test
    void helpOfTheKafkaCommandsNeedsNoBroker(QuarkusMainLauncher launcher) {
        for (String command : List.of("distill", "demo", "serve")) {
            LaunchResult result = launcher.launch(command, "--help");

            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
            assertThat(result.getOutput()).contains("Usage: dpiqa " + command);
            assertThat(result.getOutput() + result.getErrorOutput()).as(command + " --help")
                    .doesNotContain("could not be established", "Bootstrap broker");
        }
    }

    private static double rating(String csvLine) {
        return Double.parseDouble(csvLine.split(",")[1]);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
