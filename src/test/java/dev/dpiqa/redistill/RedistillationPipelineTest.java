package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.BuildInfo;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.pipeline.EmbeddedKafkaResource;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.pipeline.FaultLog;
import dev.dpiqa.pipeline.KafkaTestClient;
import dev.dpiqa.pipeline.UploadCorpus;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.serving.ScoringEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 end to end on a real broker: labels published on image-labels, re-distilled, gated, promoted into a new
 * model-cache version, announced on model-updates, and the consumers score with it; then a run on random labels
 * that the gate must reject, a rollback, two model-cache faults (a torn model file announced as a new version; a cache
 * that cannot take a new version) that must lose no upload, and a version whose announcement the instance missed.
 */
@QuarkusTest
@TestProfile(DistillProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedistillationPipelineTest {

    private static final int IMAGES = 48;
    private static final String STUDENT = "fixture_student";
    private static Path images;

    @Inject
    DistillJob job;
    @Inject
    LabelStore labels;
    @Inject
    ScoringEngine engine;
    @Inject
    DistillConfig config;
    @Inject
    ModelAnnouncer announcer;
    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void writeImages() throws IOException {
        images = Files.createTempDirectory("dpiqa-distill-images");
        for (int i = 0; i < IMAGES; i++) {
            ImageIO.write(SyntheticImages.image(i), "png", images.resolve(name(i)).toFile());
        }
    }

    @Test
    @Order(1)
    void labelsBecomeAPromotedVersionThatTheConsumersScoreWith() throws Exception {
        engine.service(); // serving 1.1.0, as a running instance would be
        try (KafkaTestClient kafka = kafka()) {
            for (int i = 0; i < IMAGES; i++) {
                // Half as MOS, half as a 1-5 rating: both must land on the same 0-100 scale.
                double mos = SyntheticImages.mos(i);
                ObjectNode data = i % 2 == 0 ? label(i).put("mos", mos)
                        : label(i).put("rating", 1 + 4 * mos / 100);
                if (i % 2 == 1) {
                    data.putObject("scale").put("min", 1).put("max", 5);
                }
                EventSchemas.assertValid("image-labels", data);
                publishLabel(kafka, data);
            }
            publishLabel(kafka, label(900).put("mos", 140));
            publishLabel(kafka, KafkaTestClient.JSON.createObjectNode().put("asset_id", "gone").put("image_uri",
                    images.resolve("missing.png").toUri().toString()).put("mos", 50).put("raters", 3));
            for (int i = 0; i < 4; i++) { // recent uploads without labels: the teacher's soft targets
                kafka.send("image-uploads", "upload-" + i, UploadCorpus.upload("u" + i,
                        UploadCorpus.byUri("upload-" + i, images.resolve(name(i)))), EventMode.STRUCTURED);
            }
            kafka.flush();

            List<ConsumerRecord<String, byte[]>> dead = kafka.readAll("image-uploads-dlq",
                    r -> r.stream().filter(d -> "image-labels".equals(origin(d))).count() >= 2,
                    Duration.ofMillis(500), Duration.ofSeconds(60)).stream()
                    .filter(d -> "image-labels".equals(origin(d))).toList();
            assertThat(dead).extracting(d -> KafkaTestClient.header(d, PipelineHeaders.REASON_CODE))
                    .containsExactlyInAnyOrder("INVALID_LABEL", "FETCH_NOT_FOUND");
            assertThat(dead).extracting(d -> KafkaTestClient.header(d, PipelineHeaders.REASON))
                    .anySatisfy(reason -> assertThat(reason).contains("data.mos 140.0 is outside"));

            List<String> progress = new ArrayList<>();
            DistillReport report = job.runFromStore(labels, true, line -> {
                progress.add(line);
                System.err.println(line);
            });

            assertThat(report.outcome()).as(KafkaTestClient.JSON.writeValueAsString(report)).isEqualTo(DistillReport.PROMOTED);
            assertThat(report.parent()).isEqualTo(STUDENT + "/1.1.0");
            assertThat(progress.get(0)).as("the first progress line says what was read")
                    .contains("image-labels: ", config.unlabelled().max() + " unlabelled uploads");
            assertThat(report.candidate()).isEqualTo("1.1.1");
            assertThat(report.data().held()).isGreaterThanOrEqualTo(6);
            assertThat(report.data().trainingLabelled() + report.data().held()).isEqualTo(IMAGES);
            assertThat(report.data().unlabelled()).isEqualTo(4);
            assertThat(report.skipped()).extracting(SamplePreparer.Skipped::assetId).containsExactly("gone");
            // The improvement is real: the parent's random weights barely rank brightness, the candidate learned it.
            assertThat(report.candidateMetrics().srcc()).isGreaterThanOrEqualTo(report.parentMetrics().srcc())
                    .isGreaterThan(0.9);

            Path version = CopiedModelCache.root().resolve(STUDENT).resolve("1.1.1");
            ModelManifest manifest = ModelManifest.read(version.resolve(ModelRegistry.MANIFEST_FILE));
            assertThat(Checksums.sha256(version.resolve("model.pt"))).isEqualTo(manifest.sha256());
            // Java writes TorchScript only: the parent's ONNX copy is not inherited, PyTorch serves it (issue 27).
            assertThat(manifest.engines()).containsExactly(ModelEngine.PYTORCH);
            assertThat(manifest.lineage()).containsEntry("parent", STUDENT + "/1.1.0")
                    .containsEntry("code", BuildInfo.current().describe())
                    .containsKeys("data", "seed", "teacher", "recipe", "created_at");
            assertThat(manifest.metrics()).containsKeys("held_out", "parent_held_out");
            assertThat(Files.readString(version.resolve("MODEL_CARD.md"))).contains("Re-distillation 1.1.1",
                    "Fine-tuned from " + STUDENT + "/1.1.0");
            assertThat(CopiedModelCache.root().resolve(".staging").resolve(STUDENT)).isEmptyDirectory();

            assertThat(servingStudent()).isEqualTo("1.1.1");
            JsonNode update = lastModelUpdate(kafka, "promoted");
            assertThat(update.path("model").path("version").asText()).isEqualTo("1.1.1");
            assertThat(update.path("replaces").path("version").asText()).isEqualTo("1.1.0");

            kafka.send("image-uploads", "after", UploadCorpus.upload("after-promotion",
                    UploadCorpus.byUri("after", images.resolve(name(0)))), EventMode.STRUCTURED);
            kafka.flush();
            JsonNode answer = kafka.readAll("image-quality", r -> r.stream().anyMatch(q -> "after".equals(q.key())),
                    Duration.ZERO, Duration.ofSeconds(60)).stream().filter(q -> "after".equals(q.key()))
                    .map(KafkaTestClient::data).findFirst().orElseThrow();
            assertThat(answer.path("model").path("version").asText()).isEqualTo("1.1.1");
        }
    }

    @Test
    @Order(2)
    void theGateRejectsACandidateTrainedOnRandomLabelsAndTheServingModelStays() throws Exception {
        HeldSplit split = new HeldSplit(config.heldFraction());
        Random random = new Random(42);
        try (KafkaTestClient kafka = kafka()) {
            // The held-out labels stay true (a curated set); every training label is replaced by noise.
            for (int i = 0; i < IMAGES; i++) {
                if (!split.isHeld(name(i))) {
                    publishLabel(kafka, label(i).put("mos", 100 * random.nextDouble()));
                }
            }
            kafka.flush();
        }

        DistillReport report = job.run(labels.read(0, Duration.ofHours(1)), true, System.err::println);

        assertThat(report.outcome()).as(report.reasons().toString()).isEqualTo(DistillReport.REJECTED);
        assertThat(report.parent()).isEqualTo(STUDENT + "/1.1.1");
        assertThat(report.gate().promote()).isFalse();
        assertThat(report.reasons()).anySatisfy(r -> assertThat(r).contains("held-out SRCC"));
        assertThat(CopiedModelCache.root().resolve(STUDENT).resolve("1.1.2")).doesNotExist();
        assertThat(CopiedModelCache.root().resolve(".staging").resolve(STUDENT)).isEmptyDirectory();
        assertThat(servingStudent()).isEqualTo("1.1.1");
    }

    @Test
    @Order(3)
    void rollbackRetiresTheNewestVersionEverywhere() throws Exception {
        RollbackReport rollback = job.rollback();

        assertThat(rollback.retired()).isEqualTo(STUDENT + "/1.1.1");
        assertThat(rollback.serving()).isEqualTo(STUDENT + "/1.1.0");
        assertThat(rollback.announced()).isTrue();
        assertThat(Path.of(rollback.retiredTo())).startsWith(CopiedModelCache.root().resolve(".retired"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("model.pt"));
        assertThat(servingStudent()).isEqualTo("1.1.0");
        try (KafkaTestClient kafka = kafka()) {
            assertThat(lastModelUpdate(kafka, "rolled-back").path("model").path("version").asText())
                    .isEqualTo("1.1.0");
        }
    }

    @Test
    @Order(4)
    void aCorruptVersionAnnouncedOnModelUpdatesIsRefusedAndEveryUploadIsStillAnswered() throws Exception {
        Path serving = CopiedModelCache.root().resolve(STUDENT).resolve("1.1.0");
        Path corrupt = Fixtures.copyAsVersion(STUDENT, "1.1.0", CopiedModelCache.root(), "1.1.9");
        byte[] whole = Files.readAllBytes(corrupt.resolve("model.pt"));
        Files.write(corrupt.resolve("model.pt"), Arrays.copyOf(whole, whole.length / 2)); // a torn copy
        double refusedBefore = updates("refused");
        try (KafkaTestClient kafka = kafka()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                if (i == 4) { // half before the update, half after it was handled
                    assertThat(announcer.announce(ModelAnnouncer.PROMOTED,
                            ModelManifest.read(corrupt.resolve(ModelRegistry.MANIFEST_FILE)),
                            ModelManifest.read(serving.resolve(ModelRegistry.MANIFEST_FILE)))).isTrue();
                    awaitUpdates("refused", refusedBefore + 1);
                }
                ids.add(sendUpload(kafka, "corrupt-model-" + i, i));
            }
            List<ConsumerRecord<String, byte[]>> answers = answersTo(kafka, ids);
            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(ids, KafkaTestClient.sourceIds(answers));
            FaultLog.record("torn model file announced on model-updates",
                    "the update was refused (checksum mismatch) and counted; the serving version answered every upload",
                    ids.size(), lostAndDuplicates[0], lostAndDuplicates[1], null);
            assertThat(lostAndDuplicates).containsExactly(0, 0);
            assertThat(answers).extracting(a -> KafkaTestClient.data(a).path("model").path("version").asText())
                    .containsOnly("1.1.0");
            assertThat(servingStudent()).isEqualTo("1.1.0");
        } finally {
            new ModelCacheWriter(CopiedModelCache.root(), KafkaTestClient.JSON).discard(corrupt);
        }
    }

    @Test
    @Order(5)
    void aModelCacheThatCannotTakeANewVersionFailsTheJobEarlyAndServingGoesOn() throws Exception {
        Path staging = CopiedModelCache.root().resolve(".staging");
        if (Files.exists(staging)) {
            new ModelCacheWriter(CopiedModelCache.root(), KafkaTestClient.JSON).discard(staging);
        }
        Files.writeString(staging, "not a folder"); // root ignores permission bits, so block the path instead
        try (KafkaTestClient kafka = kafka()) {
            long started = System.nanoTime();
            DistillReport report = job.run(labels.read(0, Duration.ofHours(1)), true, System.err::println);
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(sendUpload(kafka, "cache-unwritable-" + i, i));
            }
            List<ConsumerRecord<String, byte[]>> answers = answersTo(kafka, ids);
            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(ids, KafkaTestClient.sourceIds(answers));
            FaultLog.record("model cache cannot take a new version (re-distillation)", String.format(Locale.ROOT,
                            "the job failed in %.1f s, before preparing or training, naming the cache; nothing was "
                                    + "written and the serving version answered every upload", seconds),
                    ids.size(), lostAndDuplicates[0], lostAndDuplicates[1], null);
            assertThat(report.outcome()).isEqualTo(DistillReport.FAILED);
            assertThat(report.reasons()).singleElement().asString().contains("cannot take a new version",
                    CopiedModelCache.root().toString());
            assertThat(report.losses()).isNull();
            assertThat(lostAndDuplicates).containsExactly(0, 0);
            assertThat(servingStudent()).isEqualTo("1.1.0");
            assertThat(CopiedModelCache.root().resolve(STUDENT).resolve("1.1.1")).doesNotExist();
        } finally {
            Files.delete(staging);
        }
    }

    @Test
    @Order(6)
    void aLabelStoreThatCannotBeReadFailsTheJobWithTheReasonAndServingGoesOn() {
        DistillReport report = job.runFromStore((max, window) -> {
            throw new IllegalStateException("topic image-labels does not exist");
        }, true, System.err::println);

        assertThat(report.outcome()).isEqualTo(DistillReport.FAILED);
        assertThat(report.reasons()).singleElement().asString()
                .contains("cannot read the labels", "topic image-labels does not exist");
        assertThat(servingStudent()).isEqualTo("1.1.0");
    }

    @Test
    @Order(7)
    void aVersionWhoseAnnouncementWasMissedIsServedWhenTheConsumerIsGivenItsPartitionAgain() throws Exception {
        // A version lands in the cache unannounced, as one promoted while this instance started would be.
        Path unannounced = Fixtures.copyAsVersion(STUDENT, "1.1.0", CopiedModelCache.root(), "1.1.7");
        double caughtUpBefore = updates("caught-up");
        try {
            assertThat(servingStudent()).isEqualTo("1.1.0");
            rebalanceModelUpdates();

            awaitUpdates("caught-up", caughtUpBefore + 1);
            assertThat(servingStudent()).isEqualTo("1.1.7");
        } finally {
            new ModelCacheWriter(CopiedModelCache.root(), KafkaTestClient.JSON).discard(unannounced);
        }
    }

    /** A second member joins the instance's model-updates group and leaves: the instance is given its partition anew. */
    private static void rebalanceModelUpdates() {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.model-updates-in.group.id",
                String.class);
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of("model-updates"));
            Awaitility.await("joined the model-updates group").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        member.poll(Duration.ofMillis(100));
                        return member.groupMetadata().generationId() > 0;
                    });
        }
    }

    private double updates(String outcome) {
        Counter counter = meters.find("dpiqa.pipeline.model.updates").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitUpdates(String outcome, double atLeast) {
        Awaitility.await("model update counted as " + outcome).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> updates(outcome) >= atLeast);
    }

    private static String sendUpload(KafkaTestClient kafka, String id, int image) {
        kafka.send("image-uploads", id, UploadCorpus.upload(id, UploadCorpus.byUri(id, images.resolve(name(image)))),
                EventMode.STRUCTURED);
        kafka.flush();
        return id;
    }

    private static List<ConsumerRecord<String, byte[]>> answersTo(KafkaTestClient kafka, List<String> ids) {
        return kafka.readAll("image-quality", r -> KafkaTestClient.sourceIds(r).containsAll(ids), Duration.ofSeconds(1),
                Duration.ofSeconds(60)).stream()
                .filter(a -> ids.contains(KafkaTestClient.header(a, PipelineHeaders.SOURCE_EVENT_ID))).toList();
    }

    private String servingStudent() {
        return engine.serving().stream().filter(m -> m.name().equals(STUDENT)).findFirst().orElseThrow().version();
    }

    private static JsonNode lastModelUpdate(KafkaTestClient kafka, String action) {
        List<JsonNode> updates = new ArrayList<>();
        kafka.readAll("model-updates", r -> r.stream().anyMatch(u -> action.equals(KafkaTestClient.data(u)
                        .path("action").asText())), Duration.ZERO, Duration.ofSeconds(30))
                .forEach(u -> {
                    assertThat(KafkaTestClient.event(u).type()).isEqualTo(EventTypes.MODEL_UPDATED);
                    assertThat(u.key()).isEqualTo(STUDENT);
                    updates.add(KafkaTestClient.data(u));
                });
        updates.forEach(u -> EventSchemas.assertValid("model-updates", u));
        return updates.stream().filter(u -> action.equals(u.path("action").asText())).reduce((a, b) -> b).orElseThrow();
    }

    private static ObjectNode label(int index) {
        return KafkaTestClient.JSON.createObjectNode().put("asset_id", name(index))
                .put("image_uri", images.resolve(name(index)).toUri().toString()).put("raters", 5)
                .put("source", "test-campaign");
    }

    private static void publishLabel(KafkaTestClient kafka, ObjectNode data) {
        String assetId = data.path("asset_id").asText();
        kafka.send("image-labels", assetId, new CloudEvent(UUID.randomUUID().toString(), "/test-labeller",
                EventTypes.IMAGE_LABELLED, Optional.of(Instant.now()), Optional.of(assetId), data), EventMode.STRUCTURED);
    }

    private static String origin(ConsumerRecord<String, byte[]> record) {
        return KafkaTestClient.header(record, PipelineHeaders.ORIGINAL_TOPIC);
    }

    private static String name(int index) {
        return "img-" + index + ".png";
    }

    private static KafkaTestClient kafka() {
        return new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers());
    }
}
