package dev.dpiqa.pipeline.kafka;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPublisherTest {

    private final RecordingPublisher recording = new RecordingPublisher();
    private final SourceEvent upload = new SourceEvent("/uploader", "upload-1");

    private InboundRecord original() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        return new InboundRecord("asset-1", "not json".getBytes(StandardCharsets.UTF_8), headers, "image-uploads", 2,
                41);
    }

    @Test
    void deadLetterKeepsTheRecordAsItCameAndAddsWhyAndWhere() {
        InboundRecord original = original();

        recording.publisher.deadLetter(original, Failure.permanent("IMAGE_CORRUPT", "not an image"), upload).join();

        RecordingEmitter.Sent letter = recording.deadLetter.sent().get(0);
        assertThat(letter.key()).isEqualTo("asset-1");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(letter.headers().lastHeader("ce_traceparent")).isNotNull();
        assertThat(PipelineHeaders.text(letter.headers(), PipelineHeaders.REASON_CODE)).contains("IMAGE_CORRUPT");
        assertThat(PipelineHeaders.text(letter.headers(), PipelineHeaders.REASON)).contains("not an image");
        assertThat(RecordPosition.readFrom(letter.headers())).contains(new RecordPosition("image-uploads", 2, 41));
        assertThat(SourceEvent.readFrom(letter.headers())).contains(upload);
        assertThat(original.headers().lastHeader(PipelineHeaders.REASON_CODE)).isNull(); // a copy was written
    }

    @Test
    void deadLetterOfARecordThatWasNoEventNamesNoSource() {
        recording.publisher.deadLetter(original(), Failure.malformed("no id"), null).join();

        assertThat(SourceEvent.readFrom(recording.deadLetter.sent().get(0).headers())).isEmpty();
    }

    @Test
    void retryCarriesItsAttemptAndWhenItIsDue() {
        recording.publisher.retry(original(), Failure.retryable("FETCH_TIMEOUT", "slow"), upload, 2, 12345L).join();

        RecordingEmitter.Sent retry = recording.retry.sent().get(0);
        assertThat(PipelineHeaders.number(retry.headers(), PipelineHeaders.RETRY_ATTEMPT, 0)).isEqualTo(2);
        assertThat(PipelineHeaders.number(retry.headers(), PipelineHeaders.RETRY_NOT_BEFORE, 0)).isEqualTo(12345L);
        assertThat(PipelineHeaders.text(retry.headers(), PipelineHeaders.REASON_CODE)).contains("FETCH_TIMEOUT");
        assertThat(SourceEvent.readFrom(retry.headers())).contains(upload);
    }

    @Test
    void anAnswerIsACloudEventNamingTheEventItAnswers() throws Exception {
        CloudEvent answer = new CloudEvent("answer-1", EventTypes.SOURCE, EventTypes.IMAGE_QUALITY, Optional.empty(),
                Optional.of("asset-1"), RecordingPublisher.JSON.createObjectNode().put("asset_id", "asset-1"));

        recording.publisher.quality("asset-1", answer, upload).join();

        RecordingEmitter.Sent sent = recording.quality.sent().get(0);
        CloudEvent read = recording.codec.decode(sent.value(), sent.headers());
        assertThat(read.id()).isEqualTo("answer-1");
        assertThat(read.type()).isEqualTo(EventTypes.IMAGE_QUALITY);
        assertThat(read.data()).isEqualTo(answer.data());
        assertThat(SourceEvent.readFrom(sent.headers())).contains(upload);
    }

    @Test
    void aRecordTheBrokerRefusesFailsItsFuture() {
        recording.deadLetter.failWith(new IllegalStateException("broker down"));

        assertThatThrownBy(() -> recording.publisher.deadLetter(original(), Failure.malformed("x"), null).join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("broker down");
    }
}
