package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ScoringEngine;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a real broker, students and teacher workers in one instance: every upload gets exactly
 * one answer, whatever it is and however often it is delivered.
 */
@QuarkusTest
@TestProfile(PipelineProfiles.WithTeacher.class)
class UploadPipelineTest {

    static Path dir;

    @Inject
    ScoringEngine engine;
    @Inject
    VerdictPolicy policy;

    @BeforeAll
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("dpiqa-uploads");
    }

    /** Uploads of generated pictures, split by what the student will make of them (it is asked first). */
    record Split(List<CloudEvent> clear, List<CloudEvent> borderline) {
    }

    private Split uploads(String prefix, int clear, int borderline) throws Exception {
        UploadCorpus corpus = new UploadCorpus(dir);
        List<CloudEvent> clearEvents = new ArrayList<>();
        List<CloudEvent> borderlineEvents = new ArrayList<>();
        for (int seed = 0; seed < 5000 && (clearEvents.size() < clear || borderlineEvents.size() < borderline); seed++) {
            String format = seed % 2 == 0 ? "jpg" : "png";
            byte[] bytes = UploadCorpus.picture(seed, format);
            double mos = engine.service().score(bytes, ScoringMode.STUDENT, false).join().mos();
            boolean isBorderline = policy.isBorderline(mos);
            List<CloudEvent> target = isBorderline ? borderlineEvents : clearEvents;
            if (target.size() < (isBorderline ? borderline : clear)) {
                String id = prefix + "-" + seed;
                // Half by claim-check file, half inline.
                target.add(UploadCorpus.upload(id, seed % 4 < 2
                        ? UploadCorpus.byUri("asset-" + id, corpus.write(id + "." + format, bytes))
                        : UploadCorpus.inline("asset-" + id, bytes)));
            }
        }
        assertThat(borderlineEvents).as("generated borderline pictures").hasSize(borderline);
        assertThat(clearEvents).hasSize(clear);
        return new Split(clearEvents, borderlineEvents);
    }

    @Test
    void everyUploadGetsExactlyOneAnswerAndEveryPoisonItsReason() throws Exception {
        Split split = uploads("mixed", 160, 30);
        List<UploadCorpus.Poison> poison = new UploadCorpus(dir).poison("mixed", 4);
        try (KafkaTestClient kafka = new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers())) {
            List<CloudEvent> all = new ArrayList<>(split.clear());
            all.addAll(split.borderline());
            for (int i = 0; i < all.size(); i++) {
                CloudEvent event = all.get(i);
                kafka.send("image-uploads", event.subject().orElseThrow(), event,
                        i % 3 == 0 ? EventMode.BINARY : EventMode.STRUCTURED);
                if (i < poison.size()) {
                    UploadCorpus.Poison p = poison.get(i);
                    kafka.send("image-uploads", p.key(), p.value());
                }
                if (i % 19 == 0) { // a producer retry or a replay upstream: the same event again
                    kafka.send("image-uploads", event.subject().orElseThrow(), event, EventMode.STRUCTURED);
                }
            }
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> quality = ofTest("mixed-", kafka.readAll("image-quality",
                    r -> countAnswers(r, all) >= all.size(), Duration.ofSeconds(3), Duration.ofSeconds(120)));
            List<ConsumerRecord<String, byte[]>> dead = kafka.readAll("image-uploads-dlq",
                    r -> r.size() >= poison.size(), Duration.ofSeconds(1), Duration.ofSeconds(30)).stream()
                    .filter(r -> r.key().startsWith("mixed-")).toList();
            List<String> expected = new ArrayList<>(all.stream().map(CloudEvent::id).toList());
            poison.forEach(p -> expected.add(p.key()));
            List<String> answered = new ArrayList<>(KafkaTestClient.sourceIds(quality));
            dead.forEach(r -> answered.add(r.key()));
            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(expected, answered);
            FaultLog.record("hostile images, malformed and oversized events, redeliveries",
                    poison.size() + " poison records of 12 kinds dead-lettered with their reason, "
                            + all.size() + " uploads answered (borderline ones by the teacher)",
                    expected.size(), lostAndDuplicates[0], lostAndDuplicates[1], null);

            Map<String, List<JsonNode>> answers = quality.stream().map(KafkaTestClient::data)
                    .collect(Collectors.groupingBy(d -> d.path("source_event_id").asText()));
            assertThat(quality.size()).as("quality events").isEqualTo(all.size());
            assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(all.stream().map(CloudEvent::id).toList());
            split.clear().forEach(e -> assertThat(answers.get(e.id()).get(0).path("stage").asText())
                    .as(e.id()).isEqualTo("student"));
            split.borderline().forEach(e -> assertThat(answers.get(e.id()).get(0).path("stage").asText())
                    .as(e.id()).isEqualTo("teacher"));
            for (ConsumerRecord<String, byte[]> r : quality) {
                if (r.headers().lastHeader("ce_id") == null) { // structured; binary records carry the data alone
                    EventSchemas.assertValid("cloudevent-envelope", KafkaTestClient.JSON.readTree(r.value()));
                }
                EventSchemas.assertValid("image-quality", KafkaTestClient.data(r));
                assertThat(r.key()).isEqualTo(KafkaTestClient.data(r).path("asset_id").asText());
            }

            Map<String, ConsumerRecord<String, byte[]>> byKey = dead.stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
            assertThat(dead.size()).as("dead letters").isEqualTo(poison.size());
            for (UploadCorpus.Poison p : poison) {
                ConsumerRecord<String, byte[]> letter = byKey.get(p.key());
                assertThat(letter).as(p.key()).isNotNull();
                assertThat(KafkaTestClient.header(letter, PipelineHeaders.REASON_CODE)).as(p.key()).isEqualTo(p.code());
                assertThat(KafkaTestClient.header(letter, PipelineHeaders.REASON)).isNotBlank();
                assertThat(letter.value()).as("the original record, untouched").isEqualTo(p.value());
            }
        }
    }

    @Test
    void uploadsSentAcrossABrokerRestartAreEachAnsweredOnce() throws Exception {
        Split split = uploads("restart", 60, 0);
        try (KafkaTestClient kafka = new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers())) {
            List<CloudEvent> first = split.clear().subList(0, 30);
            List<CloudEvent> second = split.clear().subList(30, 60);
            first.forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.STRUCTURED));
            kafka.flush();
            kafka.readAll("image-quality", r -> countAnswers(r, first) >= 10, Duration.ZERO, Duration.ofSeconds(60));

            EmbeddedKafkaResource.broker().restart();
            long restarted = System.currentTimeMillis();
            second.forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.STRUCTURED));
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> quality = kafka.readAll("image-quality",
                    r -> countAnswers(r, split.clear()) >= split.clear().size(), Duration.ofSeconds(3),
                    Duration.ofSeconds(120));
            List<ConsumerRecord<String, byte[]>> ours = ofTest("restart-", quality);
            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(split.clear().stream().map(CloudEvent::id).toList(),
                    KafkaTestClient.sourceIds(ours));
            FaultLog.record("broker restart mid-stream", "consumers and producers reconnected; every upload answered "
                            + "(recovery: from the broker being back)",
                    split.clear().size(), lostAndDuplicates[0], lostAndDuplicates[1],
                    ours.stream().mapToLong(ConsumerRecord::timestamp).filter(t -> t > restarted).min()
                            .stream().mapToDouble(t -> (t - restarted) / 1e3).boxed().findFirst().orElse(null));
            Map<String, Long> perUpload = new HashMap<>();
            KafkaTestClient.sourceIds(ours).forEach(id -> perUpload.merge(id, 1L, Long::sum));
            assertThat(perUpload.keySet()).containsExactlyInAnyOrderElementsOf(
                    split.clear().stream().map(CloudEvent::id).toList());
            assertThat(perUpload.values()).allMatch(n -> n == 1);
        }
    }

    /** This test's answers: the topics are shared by the tests of the class. */
    private static List<ConsumerRecord<String, byte[]>> ofTest(String prefix, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID).startsWith(prefix))
                .toList();
    }

    @Test
    void healthAndMetricsShowThePipeline() throws Exception {
        Split split = uploads("ops", 5, 0);
        try (KafkaTestClient kafka = new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers())) {
            split.clear().forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.BINARY));
            kafka.send("image-uploads", "ops-poison", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            kafka.flush();
            kafka.readAll("image-quality", r -> countAnswers(r, split.clear()) >= 5, Duration.ZERO, Duration.ofSeconds(60));
        }

        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka pipeline' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'kafka pipeline' }.data.ledger", org.hamcrest.Matchers.is("ready"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("model loaded"));
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("dpiqa_pipeline_events_in_total{topic=\"image-uploads\"}",
                "dpiqa_pipeline_events_out_total{stage=\"student\"}",
                "dpiqa_pipeline_dead_letters_total{reason=\"MALFORMED_EVENT\"}",
                "dpiqa_pipeline_latency_seconds_bucket", "dpiqa_pipeline_batch_size_count",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    private static long countAnswers(List<ConsumerRecord<String, byte[]>> records, List<CloudEvent> events) {
        var ids = events.stream().map(CloudEvent::id).collect(Collectors.toSet());
        return records.stream().map(r -> KafkaTestClient.data(r).path("source_event_id").asText())
                .filter(ids::contains).distinct().count();
    }
}
