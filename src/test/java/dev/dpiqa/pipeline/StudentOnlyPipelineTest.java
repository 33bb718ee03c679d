package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordPosition;
import dev.dpiqa.pipeline.uploads.UploadHandler;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ScoringEngine;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Students without teacher workers: the cascade's fallback, retries of transient failures, thumbnail selection. */
@QuarkusTest
@TestProfile(PipelineProfiles.WithoutTeacher.class)
class StudentOnlyPipelineTest {

    static Path dir;
    static HttpServer server;
    static final AtomicInteger flakyCalls = new AtomicInteger();

    @Inject
    ScoringEngine engine;
    @Inject
    VerdictPolicy policy;
    @Inject
    UploadHandler handler;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("dpiqa-student-only");
        byte[] image = UploadCorpus.picture(3, "png");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/flaky.png", exchange -> {
            boolean up = flakyCalls.incrementAndGet() > 2; // overloaded twice, then fine
            exchange.sendResponseHeaders(up ? 200 : 503, up ? image.length : -1);
            if (up) {
                exchange.getResponseBody().write(image);
            }
            exchange.close();
        });
        server.createContext("/slow.png", exchange -> {
            try {
                Thread.sleep(3000); // past dpiqa.fetch.total-timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers());
    }

    @Test
    void borderlineUploadsAreAnsweredByTheStudentFlaggedWhenNoTeacherAnswers() throws Exception {
        List<CloudEvent> borderline = new ArrayList<>();
        for (int seed = 0; borderline.size() < 5 && seed < 5000; seed++) {
            byte[] bytes = UploadCorpus.picture(seed, "png");
            double mos = engine.service().score(bytes, ScoringMode.STUDENT, false).join().mos();
            if (policy.isBorderline(mos)) {
                borderline.add(UploadCorpus.upload("fallback-" + seed, UploadCorpus.inline("asset-f" + seed, bytes)));
            }
        }
        assertThat(borderline).hasSize(5);
        try (KafkaTestClient kafka = kafka()) {
            Instant sent = Instant.now();
            borderline.forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.STRUCTURED));
            kafka.flush();

            List<JsonNode> answers = kafka.readAll("image-quality", r -> answersTo(r, "fallback-").size() >= 5,
                    Duration.ofSeconds(2), Duration.ofSeconds(30)).stream()
                    .filter(r -> KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID).startsWith("fallback-"))
                    .map(KafkaTestClient::data).toList();

            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(borderline.stream().map(CloudEvent::id).toList(),
                    answers.stream().map(a -> a.path("source_event_id").asText()).toList());
            FaultLog.record("teacher workers down", "borderline uploads answered by the student, flagged "
                    + "student-teacher-unavailable, after the 1.5 s deadline", borderline.size(),
                    lostAndDuplicates[0], lostAndDuplicates[1], null);
            assertThat(answers).hasSize(5);
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.path("stage").asText()).isEqualTo("student-teacher-unavailable");
                assertThat(a.path("latency_ms").path("total").asDouble()).isGreaterThanOrEqualTo(1500);
                EventSchemas.assertValid("image-quality", a);
            });
            assertThat(Duration.between(sent, Instant.now())).as("deadline 1.5 s + grace 0.5 s, plus slack")
                    .isLessThan(Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> requests = kafka.readAll("image-quality-borderline",
                    r -> answersTo(r, "fallback-").size() >= 5, Duration.ZERO, Duration.ofSeconds(10));
            requests.stream().map(KafkaTestClient::data)
                    .forEach(d -> EventSchemas.assertValid("image-quality-borderline", d));
            assertThat(answersTo(requests, "fallback-")).as("the teacher workers were asked").hasSize(5);
        }
    }

    /** CloudEvents identify an event by source and id: two producers that number alike send two uploads, not one. */
    @Test
    void twoUploadsWithOneIdAndDifferentSourcesAreBothAnswered() throws Exception {
        byte[] image = UploadCorpus.picture(7, "png");
        List<CloudEvent> uploads = List.of("-eu", "-us").stream().map(region -> new CloudEvent("same-id-1",
                "/dam" + region, EventTypes.IMAGE_UPLOADED, Optional.of(Instant.now()), Optional.of("asset" + region),
                UploadCorpus.inline("asset" + region, image))).toList();
        try (KafkaTestClient kafka = kafka()) {
            uploads.forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.STRUCTURED));
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> answers = answersTo(kafka.readAll("image-quality",
                    r -> answersTo(r, "same-id-").size() >= 2, Duration.ofSeconds(3), Duration.ofSeconds(30)),
                    "same-id-");

            assertThat(answers).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("asset-eu", "asset-us");
            assertThat(answers).extracting(r -> KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_SOURCE))
                    .containsExactlyInAnyOrder("/dam-eu", "/dam-us");
            assertThat(answers).extracting(r -> KafkaTestClient.JSON.readTree(r.value()).path("id").asText())
                    .as("answer ids differ too, for consumers idempotent by id").doesNotHaveDuplicates();
        }
    }

    /**
     * An event without an id has no identity to be recognised by when a crash redelivers it: the ledger knows its
     * dead letter by the record's position instead, in this instance and in one that starts later.
     */
    @Test
    void anUploadWithoutAnIdIsDeadLetteredOnceThoughRedelivered() throws Exception {
        byte[] idless = ("{\"specversion\":\"1.0\",\"source\":\"/dam\",\"type\":\"" + EventTypes.IMAGE_UPLOADED
                + "\",\"data\":{\"asset_id\":\"idless\",\"image_uri\":\"file:/x.jpg\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KafkaTestClient kafka = kafka()) {
            kafka.send("image-uploads", "idless-1", idless);
            kafka.flush();
            ConsumerRecord<String, byte[]> letter = deadLettersKeyed(kafka, "idless-1", Duration.ZERO).get(0);
            RecordPosition position = RecordPosition.readFrom(letter.headers()).orElseThrow();

            // The consumer crashed before committing: the same record, from the same place, comes again.
            InboundRecord again = new InboundRecord("idless-1", idless, new org.apache.kafka.common.header.internals
                    .RecordHeaders(), position.topic(), position.partition(), position.offset());
            handler.handle(List.of(again), engine.start().join(), java.util.concurrent.CompletableFuture
                    .completedFuture(null)).settled().get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(deadLettersKeyed(kafka, "idless-1", Duration.ofSeconds(2))).hasSize(1);
            assertThat(KafkaTestClient.header(letter, PipelineHeaders.REASON)).contains("id");
            try (ProcessedLedger restarted = new ProcessedLedger(Map.of("bootstrap.servers",
                    EmbeddedKafkaResource.broker().bootstrapServers()), java.util.Set.of("image-uploads-dlq"),
                    "image-uploads-retry", Duration.ofHours(1), 1000)) {
                restarted.start();
                restarted.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(restarted.progress(position.key())).as("a later instance knows it too")
                        .isEqualTo(ProcessedLedger.FINAL);
            }
        }
    }

    /** The W3C trace context of an upload (CloudEvents distributed-tracing extension) is on its answer, in both modes. */
    @Test
    void theQualityEventCarriesTheUploadsTraceContext() throws Exception {
        byte[] image = UploadCorpus.picture(11, "png");
        Map<EventMode, String> traces = Map.of(
                EventMode.BINARY, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                EventMode.STRUCTURED, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        try (KafkaTestClient kafka = kafka()) {
            traces.forEach((mode, traceparent) -> kafka.send("image-uploads", "traced-" + mode, new CloudEvent(
                    "traced-" + mode, "/dam", EventTypes.IMAGE_UPLOADED, Optional.of(Instant.now()),
                    Optional.of("traced-" + mode), UploadCorpus.inline("traced-" + mode, image),
                    Map.of("traceparent", traceparent)), mode));
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> answers = answersTo(kafka.readAll("image-quality",
                    r -> answersTo(r, "traced-").size() >= 2, Duration.ZERO, Duration.ofSeconds(30)), "traced-");

            assertThat(answers).hasSize(2);
            for (ConsumerRecord<String, byte[]> answer : answers) {
                String traceparent = KafkaTestClient.event(answer).extensions().get("traceparent");
                String sent = traces.get(EventMode.valueOf(answer.key().substring("traced-".length())));
                assertThat(traceparent).as("the trace id").isNotNull()
                        .startsWith(sent.substring(0, "00-".length() + 32));
            }
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersKeyed(KafkaTestClient kafka, String key, Duration settle) {
        return kafka.readAll("image-uploads-dlq", r -> r.stream().anyMatch(d -> key.equals(d.key())), settle,
                Duration.ofSeconds(30)).stream().filter(d -> key.equals(d.key())).toList();
    }

    @Test
    void transientFetchFailuresAreRetriedThenAnsweredOrDeadLetteredWithTheirReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ObjectNode flaky = KafkaTestClient.JSON.createObjectNode().put("asset_id", "flaky").put("image_uri", url("/flaky.png"));
        ObjectNode down = KafkaTestClient.JSON.createObjectNode().put("asset_id", "down")
                .put("image_uri", "http://127.0.0.1:" + closedPort + "/x.png");
        ObjectNode slow = KafkaTestClient.JSON.createObjectNode().put("asset_id", "slow").put("image_uri", url("/slow.png"));
        try (KafkaTestClient kafka = kafka()) {
            for (ObjectNode data : List.of(flaky, down, slow)) {
                kafka.send("image-uploads", data.path("asset_id").asText(),
                        UploadCorpus.upload("retry-" + data.path("asset_id").asText(), data), EventMode.BINARY);
            }
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> answers = answersTo(kafka.readAll("image-quality",
                    r -> !answersTo(r, "retry-").isEmpty(), Duration.ofSeconds(1), Duration.ofSeconds(60)), "retry-");
            List<ConsumerRecord<String, byte[]>> dead = answersTo(kafka.readAll("image-uploads-dlq",
                    r -> answersTo(r, "retry-").size() >= 2, Duration.ofSeconds(1), Duration.ofSeconds(90)), "retry-");
            List<ConsumerRecord<String, byte[]>> retries = answersTo(kafka.readAll("image-uploads-retry",
                    r -> true, Duration.ofSeconds(1), Duration.ofSeconds(5)), "retry-");

            List<String> answered = new ArrayList<>(KafkaTestClient.sourceIds(answers));
            answered.addAll(KafkaTestClient.sourceIds(dead));
            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(List.of("retry-flaky", "retry-down", "retry-slow"),
                    answered);
            FaultLog.record("flaky (503 twice), slow (past the time limit) and dead image URLs",
                    "retried with back-off; the flaky one answered, the others dead-lettered after 4 attempts",
                    3, lostAndDuplicates[0], lostAndDuplicates[1], null);
            assertThat(answers).extracting(r -> KafkaTestClient.data(r).path("asset_id").asText()).containsExactly("flaky");
            assertThat(flakyCalls.get()).isEqualTo(3);
            Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                    r -> KafkaTestClient.header(r, PipelineHeaders.REASON_CODE)));
            assertThat(reasons).isEqualTo(Map.of("down", "FETCH_UNREACHABLE", "slow", "FETCH_TIMEOUT"));
            dead.forEach(r -> assertThat(KafkaTestClient.header(r, PipelineHeaders.REASON)).startsWith("gave up after 4 attempts"));
            Map<String, Long> retriesPerAsset = retries.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(retriesPerAsset).isEqualTo(Map.of("flaky", 2L, "down", 3L, "slow", 3L));
        }
    }

    @Test
    void thumbnailRequestsNameTheBestCandidateAndReportTheOnesThatFail() throws Exception {
        UploadCorpus corpus = new UploadCorpus(dir);
        ArrayNode candidates = KafkaTestClient.JSON.createArrayNode();
        List<Map.Entry<String, Double>> expected = new ArrayList<>();
        for (int seed = 20; seed < 24; seed++) {
            byte[] bytes = UploadCorpus.picture(seed, "jpg");
            expected.add(Map.entry("frame-" + seed, engine.service().score(bytes, ScoringMode.STUDENT, false).join().mos()));
            candidates.add(KafkaTestClient.JSON.createObjectNode().put("id", "frame-" + seed)
                    .put("image_uri", corpus.write("frame-" + seed + ".jpg", bytes).toUri().toString()));
        }
        candidates.add(KafkaTestClient.JSON.createObjectNode().put("id", "frame-lost")
                .put("image_uri", dir.resolve("lost.jpg").toUri().toString()));
        ObjectNode data = KafkaTestClient.JSON.createObjectNode().put("asset_id", "video-1");
        data.set("candidates", candidates);
        EventSchemas.assertValid("thumbnail-requests", data);
        CloudEvent request = new CloudEvent("thumbs-1", "/transcoder", EventTypes.THUMBNAIL_REQUESTED,
                Optional.of(Instant.now()), Optional.of("video-1"), data);
        try (KafkaTestClient kafka = kafka()) {
            kafka.send("thumbnail-requests", "video-1", request, EventMode.STRUCTURED);
            kafka.send("thumbnail-requests", "video-1", request, EventMode.BINARY); // redelivered
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> selected = kafka.readAll("thumbnail-selected",
                    r -> !r.isEmpty(), Duration.ofSeconds(2), Duration.ofSeconds(30));

            FaultLog.record("thumbnail candidate missing, request redelivered",
                    "one selection naming the best candidate, the missing one reported with its error", 1,
                    selected.isEmpty() ? 1 : 0, Math.max(0, selected.size() - 1), null);
            assertThat(selected).hasSize(1);
            JsonNode answer = KafkaTestClient.data(selected.get(0));
            EventSchemas.assertValid("thumbnail-selected", answer);
            String best = expected.stream().max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey();
            assertThat(answer.path("selected").asText()).isEqualTo(best);
            assertThat(answer.path("candidates")).hasSize(5);
            JsonNode lost = answer.path("candidates").get(4);
            assertThat(lost.path("id").asText()).isEqualTo("frame-lost");
            assertThat(lost.path("error_code").asText()).isEqualTo("FETCH_NOT_FOUND");
            for (int i = 0; i < 4; i++) {
                assertThat(answer.path("candidates").get(i).path("mos").asDouble())
                        .isCloseTo(expected.get(i).getValue(), org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> answersTo(List<ConsumerRecord<String, byte[]>> records,
                                                                 String prefix) {
        return records.stream().filter(r -> Optional.ofNullable(KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID))
                .orElse("").startsWith(prefix)).toList();
    }
}
