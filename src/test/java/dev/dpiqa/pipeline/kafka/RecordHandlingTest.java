package dev.dpiqa.pipeline.kafka;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.PipelineParts;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RecordHandlingTest {

    private final PipelineParts parts = new PipelineParts(Map.of());
    private final RecordingPublisher recording = parts.recording;
    private final RecordHandling handling = parts.handling;

    @AfterEach
    void close() {
        parts.close();
    }

    /** Answers {@code dev.dpiqa.image.uploaded} events by recording their {@code asset_id}. */
    private final class AssetFlow implements RecordHandling.Flow<String> {
        final List<String> answered = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public String eventType() {
            return EventTypes.IMAGE_UPLOADED;
        }

        @Override
        public String read(CloudEvent event, InboundRecord record) throws MalformedEventException, FailureException {
            String asset = event.data().path("asset_id").asText();
            if (asset.isEmpty()) {
                throw new MalformedEventException("no asset_id");
            }
            if (asset.equals("unreachable")) {
                throw new FailureException(Failure.permanent("FETCH_FORBIDDEN", "not allowed"));
            }
            return asset;
        }

        @Override
        public SourceEvent answers(String asset) {
            return new SourceEvent("/test", asset);
        }

        @Override
        public void skipped(String asset) {
            skipped.add(asset);
        }

        @Override
        public CompletableFuture<Void> answer(String asset, CloudEvent event) {
            answered.add(asset);
            return CompletableFuture.completedFuture(null);
        }
    }

    private InboundRecord record(String type, String asset, int offset) {
        return parts.record(new CloudEvent("event-" + offset, "/test", type, Optional.empty(), Optional.empty(),
                RecordingPublisher.JSON.createObjectNode().put("asset_id", asset)), "image-uploads", offset);
    }

    private double deadLetters(String reason) {
        return parts.count("dpiqa.pipeline.dead.letters", "reason", reason);
    }

    @Test
    void answersAnEventOfTheFlowsType() {
        AssetFlow flow = new AssetFlow();

        handling.handle(record(EventTypes.IMAGE_UPLOADED, "asset-1", 1), flow).join();

        assertThat(flow.answered).containsExactly("asset-1");
        assertThat(recording.deadLetter.sent()).isEmpty();
    }

    @Test
    void skipsAnEventTheLedgerShowsAnswered() {
        AssetFlow flow = new AssetFlow();
        parts.ledger.mark(new SourceEvent("/test", "asset-1").key(), ProcessedLedger.FINAL);

        handling.handle(record(EventTypes.IMAGE_UPLOADED, "asset-1", 1), flow).join();

        assertThat(flow.answered).isEmpty();
        assertThat(flow.skipped).containsExactly("asset-1");
    }

    @Test
    void deadLettersWhatIsNoEventOfItsTypeWithTheReason() {
        AssetFlow flow = new AssetFlow();
        InboundRecord garbage = parts.record("{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                "image-uploads", 7);

        handling.handle(garbage, flow).join();
        handling.handle(record(EventTypes.IMAGE_LABELLED, "asset-2", 8), flow).join();
        handling.handle(record(EventTypes.IMAGE_UPLOADED, "", 9), flow).join();

        assertThat(flow.answered).isEmpty();
        assertThat(recording.deadLetter.sent()).extracting(sent -> PipelineHeaders.text(sent.headers(),
                PipelineHeaders.REASON).orElseThrow()).satisfiesExactly(
                reason -> assertThat(reason).isNotBlank(),
                reason -> assertThat(reason).isEqualTo("unexpected event type '" + EventTypes.IMAGE_LABELLED
                        + "', expected " + EventTypes.IMAGE_UPLOADED),
                reason -> assertThat(reason).isEqualTo("no asset_id"));
        assertThat(deadLetters("MALFORMED_EVENT")).isEqualTo(3);
        assertThat(recording.deadLetter.sent().get(0).value()).isEqualTo(garbage.value());
    }

    @Test
    void deadLettersWithTheFailureAFlowReadsFromTheEvent() {
        handling.handle(record(EventTypes.IMAGE_UPLOADED, "unreachable", 1), new AssetFlow()).join();

        assertThat(PipelineHeaders.text(recording.deadLetter.sent().get(0).headers(), PipelineHeaders.REASON_CODE))
                .contains("FETCH_FORBIDDEN");
        assertThat(deadLetters("FETCH_FORBIDDEN")).isEqualTo(1);
    }
}
