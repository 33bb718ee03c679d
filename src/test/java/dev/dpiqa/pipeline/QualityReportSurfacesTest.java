package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpiqa.api.ApiTestKeys;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One photo through the three surfaces that report a score, the REST API, the CLI's {@code score} line and the
 * Kafka quality event: one JSON Schema ({@code quality-report}) validates all three, and they say the same.
 */
@QuarkusTest
@TestProfile(PipelineProfiles.WithoutTeacher.class)
class QualityReportSurfacesTest {

    @Inject
    CommandLine cli;

    @Test
    void restCliAndKafkaReportTheSamePhotoInOneVocabulary(@TempDir Path dir) throws Exception {
        byte[] photo = UploadCorpus.picture(31, "png");
        Path file = Files.write(dir.resolve("photo.png"), photo);

        JsonNode rest = KafkaTestClient.JSON.readTree(given().header("X-API-Key", ApiTestKeys.CLIENT_ONE)
                .multiPart("image", "photo.png", photo, "image/png").when().post("/v1/score")
                .then().statusCode(200).extract().asString());

        StringWriter out = new StringWriter();
        assertThat(cli.setOut(new PrintWriter(out, true)).execute("score", file.toString())).isZero();
        JsonNode line = KafkaTestClient.JSON.readTree(out.toString().lines().findFirst().orElseThrow());

        JsonNode event;
        try (KafkaTestClient kafka = new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers())) {
            kafka.send("image-uploads", "surfaces", UploadCorpus.upload("surfaces-1",
                    UploadCorpus.inline("surfaces", photo)), EventMode.STRUCTURED);
            kafka.flush();
            event = kafka.readAll("image-quality", r -> KafkaTestClient.sourceIds(r).contains("surfaces-1"),
                            Duration.ZERO, Duration.ofSeconds(30)).stream()
                    .filter(r -> "surfaces-1".equals(KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID)))
                    .map(KafkaTestClient::data).findFirst().orElseThrow();
        }

        for (JsonNode report : List.of(rest, line, event)) {
            EventSchemas.assertValid("quality-report", report);
            assertThat(report.path("mos").asDouble()).as("two decimals")
                    .isEqualTo(Math.round(report.path("mos").asDouble() * 100) / 100.0);
        }
        EventSchemas.assertValid("image-quality", event);
        assertThat(List.of(line, event)).allSatisfy(report -> {
            assertThat(report.path("mos").asDouble()).isCloseTo(rest.path("mos").asDouble(),
                    org.assertj.core.data.Offset.offset(0.011)); // batched forward passes differ in float noise
            assertThat(report.path("model")).isEqualTo(rest.path("model"));
            assertThat(report.path("verdict")).isEqualTo(rest.path("verdict"));
        });
    }
}
