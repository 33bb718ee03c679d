package dev.dpiqa.pipeline.uploads;

import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.pipeline.FakeScorer;
import dev.dpiqa.pipeline.PipelineParts;
import dev.dpiqa.pipeline.UploadCorpus;
import dev.dpiqa.pipeline.cascade.BorderlineHandover;
import dev.dpiqa.pipeline.cascade.BorderlineWatch;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordingEmitter;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.service.ImageScoringService;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One batch of upload records through the handler, the broker replaced by recording emitters. */
class UploadHandlerTest {

    private final PipelineParts parts = new PipelineParts(Map.of(
            "dpiqa.pipeline.cascade.deadline", "200ms",
            "dpiqa.pipeline.cascade.grace", "50ms",
            "dpiqa.pipeline.retry.max-attempts", "2"));
    private final BorderlineWatch watch = new BorderlineWatch(parts.ledger, parts.config.cascade().grace());
    private final UploadHandler handler = new UploadHandler(parts.handling, parts.processor,
            parts.recording.publisher, parts.ledger, new BorderlineHandover(watch, parts.recording.publisher,
            parts.events, parts.metrics, parts.tracing, parts.config.cascade().deadline()), parts.events,
            FakeScorer.POLICY, parts.config, parts.metrics, parts.tracing);

    @AfterEach
    void close() {
        watch.close();
        parts.close();
    }

    private static CloudEvent upload(String id) {
        return UploadCorpus.upload(id, UploadCorpus.inline("asset-" + id, UploadCorpus.picture(1, "png")));
    }

    private InboundRecord record(CloudEvent event, long offset) {
        return parts.record(event, "image-uploads", offset);
    }

    private void handle(ImageScoringService service, InboundRecord... records) throws Exception {
        handler.handle(List.of(records), service, CompletableFuture.completedFuture(null)).settled()
                .get(5, TimeUnit.SECONDS);
    }

    private static String header(RecordingEmitter.Sent sent, String name) {
        return PipelineHeaders.text(sent.headers(), name).orElse(null);
    }

    @Test
    void answersClearUploadsInRecordOrderAndRecordsThemAnswered() throws Exception {
        EventSchemas.assertValid("image-uploads", upload("a").data()); // what it reads is what the schema describes

        handle(FakeScorer.student(80), record(upload("a"), 1), record(upload("b"), 2));

        List<RecordingEmitter.Sent> quality = parts.recording.quality.sent();
        assertThat(quality).extracting(RecordingEmitter.Sent::key).containsExactly("asset-a", "asset-b");
        CloudEvent answer = parts.read(quality.get(0));
        EventSchemas.assertValid("image-quality", answer.data());
        assertThat(answer.data().path("verdict").asText()).isEqualTo("accept");
        assertThat(answer.data().path("stage").asText()).isEqualTo("student");
        assertThat(parts.ledger.progress(SourceEvent.of(upload("a")).key())).isEqualTo(ProcessedLedger.FINAL);
        assertThat(parts.recording.borderline.sent()).isEmpty();
    }

    @Test
    void aBorderlineUploadGoesToTheTeachersAndTheStudentAnswersFlaggedWhenNoneDoes() throws Exception {
        handle(FakeScorer.student(41), record(upload("c"), 1));

        CloudEvent request = parts.read(parts.recording.borderline.sent().get(0));
        assertThat(request.type()).isEqualTo(EventTypes.QUALITY_BORDERLINE);
        EventSchemas.assertValid("image-quality-borderline", request.data());
        CloudEvent fallback = parts.read(parts.recording.quality.sent().get(0));
        assertThat(fallback.data().path("stage").asText()).isEqualTo("student-teacher-unavailable");
        assertThat(parts.count("dpiqa.pipeline.cascade.fallbacks")).isEqualTo(1);
    }

    @Test
    void aRedeliveryOfAnAnsweredUploadIsSkipped() throws Exception {
        parts.ledger.mark(SourceEvent.of(upload("d")).key(), ProcessedLedger.FINAL);

        handle(FakeScorer.student(80), record(upload("d"), 1));

        assertThat(parts.recording.quality.sent()).isEmpty();
        assertThat(parts.count("dpiqa.pipeline.duplicates")).isEqualTo(1);
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndAnEventKeepsItsIdentity() throws Exception {
        CloudEvent label = new CloudEvent("e", "/test-uploader", EventTypes.IMAGE_LABELLED, upload("e").time(),
                upload("e").subject(), upload("e").data());

        handle(FakeScorer.student(80), parts.record("garbage".getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                "image-uploads", 1), record(label, 2));

        List<RecordingEmitter.Sent> letters = parts.recording.deadLetter.sent();
        assertThat(letters).extracting(sent -> header(sent, PipelineHeaders.REASON_CODE))
                .containsExactly("MALFORMED_EVENT", "MALFORMED_EVENT");
        assertThat(header(letters.get(1), PipelineHeaders.REASON)).startsWith("unexpected event type");
        assertThat(SourceEvent.readFrom(letters.get(0).headers())).isEmpty();
        assertThat(SourceEvent.readFrom(letters.get(1).headers())).contains(SourceEvent.of(label));
        assertThat(parts.recording.quality.sent()).isEmpty();
    }

    @Test
    void aFailedForwardPassIsRetriedWithBackOffThenDeadLettered() throws Exception {
        handle(FakeScorer.failingStudent(), record(upload("f"), 1));

        RecordingEmitter.Sent retry = parts.recording.retry.sent().get(0);
        assertThat(header(retry, PipelineHeaders.RETRY_ATTEMPT)).isEqualTo("1");
        assertThat(header(retry, PipelineHeaders.REASON_CODE)).isEqualTo("INFERENCE_FAILED");

        InboundRecord lastAttempt = parts.record(retry.value(), retry.headers(), "image-uploads-retry", 2);
        PipelineHeaders.put(lastAttempt.headers(), PipelineHeaders.RETRY_ATTEMPT, 2);
        handle(FakeScorer.failingStudent(), lastAttempt);

        RecordingEmitter.Sent letter = parts.recording.deadLetter.sent().get(0);
        assertThat(header(letter, PipelineHeaders.REASON)).startsWith("gave up after 3 attempts");
    }
}
