package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With OpenTelemetry on, one upload is one trace: the upload's own, through consumer, scorer and producer. */
@QuarkusTest
@TestProfile(PipelineProfiles.Traced.class)
class PipelineTracingTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String UPLOADER_SPAN = "b7ad6b7169203331";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneUploadIsOneTraceAcrossConsumerScorerAndProducer() {
        CloudEvent upload = new CloudEvent("traced-upload-1", "/dam", EventTypes.IMAGE_UPLOADED,
                Optional.of(Instant.now()), Optional.of("traced-asset"),
                UploadCorpus.inline("traced-asset", UploadCorpus.picture(13, "png")),
                Map.of("traceparent", "00-" + TRACE + "-" + UPLOADER_SPAN + "-01"));
        String[] answer;
        try (KafkaTestClient kafka = new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers())) {
            kafka.send("image-uploads", "traced-asset", upload, EventMode.BINARY);
            kafka.flush();
            ConsumerRecord<String, byte[]> quality = kafka.readAll("image-quality",
                            r -> KafkaTestClient.sourceIds(r).contains(upload.id()), Duration.ZERO,
                            Duration.ofSeconds(30)).stream()
                    .filter(r -> upload.id().equals(KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID)))
                    .findFirst().orElseThrow();
            answer = KafkaTestClient.event(quality).extensions().get("traceparent").split("-");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ofTrace().size() >= 3);
        List<SpanData> trace = ofTrace();
        SpanData consumer = named(trace, "image-uploads process");
        SpanData score = named(trace, "score");
        SpanData producer = named(trace, "image-quality publish");
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).as("the uploader's span").isEqualTo(UPLOADER_SPAN);
        assertThat(List.of(score.getParentSpanId(), producer.getParentSpanId())).containsOnly(consumer.getSpanId());
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(answer[1]).as("the quality event's trace").isEqualTo(TRACE);
        assertThat(answer[2]).as("its parent: the span that published it").isEqualTo(producer.getSpanId());
    }

    private List<SpanData> ofTrace() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE)).toList();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }
}
