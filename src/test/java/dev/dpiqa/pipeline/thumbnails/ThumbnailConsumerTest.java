package dev.dpiqa.pipeline.thumbnails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.pipeline.FakeScorer;
import dev.dpiqa.pipeline.PipelineExecutor;
import dev.dpiqa.pipeline.PipelineParts;
import dev.dpiqa.pipeline.UploadCorpus;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordingPublisher;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Thumbnail requests through the consumer's flow, the broker replaced by recording emitters. */
class ThumbnailConsumerTest {

    private final PipelineParts parts = new PipelineParts(Map.of());
    private final PipelineExecutor executor = new PipelineExecutor(2);
    /** No engine: the tests hand the flow its scoring service. */
    private final ThumbnailConsumer consumer = new ThumbnailConsumer(parts.handling, parts.images, executor,
            parts.recording.publisher, parts.ledger, null, parts.config, parts.metrics, parts.events, parts.tracing);

    @AfterEach
    void close() {
        executor.executor().shutdownNow();
        parts.close();
    }

    private static CloudEvent request(String id, ObjectNode... candidates) {
        ObjectNode data = RecordingPublisher.JSON.createObjectNode().put("asset_id", "asset-" + id);
        ArrayNode list = data.putArray("candidates");
        for (ObjectNode candidate : candidates) {
            list.add(candidate);
        }
        return new CloudEvent(id, "/test-dam", EventTypes.THUMBNAIL_REQUESTED, Optional.of(Instant.now()),
                Optional.of("asset-" + id), data);
    }

    private static ObjectNode candidate(String id, byte[] image) {
        return RecordingPublisher.JSON.createObjectNode().put("id", id)
                .put("image_data", Base64.getEncoder().encodeToString(image));
    }

    private void handle(InboundRecord record) throws Exception {
        parts.handling.handle(record, consumer.flow(FakeScorer.student(70))).get(5, TimeUnit.SECONDS);
    }

    @Test
    void namesTheBestCandidateAndReportsEveryOneIncludingThoseThatFailed() throws Exception {
        CloudEvent request = request("t1", candidate("wide", UploadCorpus.picture(3, "png")),
                candidate("broken", "not an image".getBytes(StandardCharsets.UTF_8)),
                candidate("tall", UploadCorpus.picture(4, "jpg")));

        handle(parts.record(request, "thumbnail-requests", 1));

        CloudEvent answer = parts.read(parts.recording.thumbnails.sent().get(0));
        EventSchemas.assertValid("thumbnail-selected", answer.data());
        assertThat(answer.data().path("selected").asText()).isIn("wide", "tall");
        JsonNode results = answer.data().path("candidates");
        assertThat(results).extracting(r -> r.path("id").asText()).containsExactly("wide", "broken", "tall");
        assertThat(results.get(1).path("error_code").asText()).startsWith("IMAGE_");
        assertThat(results.get(0).path("mos").asDouble()).isEqualTo(70);
        assertThat(parts.ledger.progress(SourceEvent.of(request).key())).isEqualTo(ProcessedLedger.FINAL);
    }

    @Test
    void anAnsweredRequestIsSkippedAndAnUnreadableOneDeadLettered() throws Exception {
        CloudEvent answered = request("t2", candidate("a", UploadCorpus.picture(5, "png")));
        parts.ledger.mark(SourceEvent.of(answered).key(), ProcessedLedger.FINAL);

        handle(parts.record(answered, "thumbnail-requests", 1));
        handle(parts.record(request("t3"), "thumbnail-requests", 2));

        assertThat(parts.recording.thumbnails.sent()).isEmpty();
        assertThat(parts.count("dpiqa.pipeline.duplicates")).isEqualTo(1);
        assertThat(PipelineHeaders.text(parts.recording.deadLetter.sent().get(0).headers(), PipelineHeaders.REASON))
                .contains("data.candidates must be a non-empty array");
    }
}
