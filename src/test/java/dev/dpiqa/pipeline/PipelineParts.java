package dev.dpiqa.pipeline;

import dev.dpiqa.ConfigMappings;
import dev.dpiqa.fetch.FetchPolicy;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.RecordingEmitter;
import dev.dpiqa.pipeline.kafka.RecordingPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.common.header.Headers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pipeline's shared parts as the app wires them, with the broker replaced by {@link RecordingEmitter}s and a
 * ledger that is never started (answers reach it through {@link ProcessedLedger#mark}): for unit tests of one flow.
 */
public final class PipelineParts implements AutoCloseable {

    public final RecordingPublisher recording = new RecordingPublisher();
    public final PipelineConfig config;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final PipelineMetrics metrics = new PipelineMetrics(meters);
    public final ProcessedLedger ledger = new ProcessedLedger(Map.of("bootstrap.servers", "127.0.0.1:9"),
            Set.of("image-quality"), "image-uploads-retry", Duration.ofHours(1), 1000);
    public final RecordHandling handling;
    public final QualityEvents events = new QualityEvents(RecordingPublisher.JSON);
    public final PipelineTracing tracing = new PipelineTracing(OpenTelemetry.noop().getTracer("test"));
    public final ExecutorService executor = Executors.newFixedThreadPool(2);
    /** {@code file:} and remote URIs refused: the tests' images are inline. */
    public final ImageSource images = new ImageSource(new SafeImageFetcher(new FetchPolicy(Duration.ofSeconds(1),
            Duration.ofSeconds(1), 1 << 20, 0, List.of(), false, List.of())));
    public final UploadProcessor processor;

    /** @param config pipeline properties set on top of application.properties' */
    public PipelineParts(Map<String, String> config) {
        this.config = ConfigMappings.of(PipelineConfig.class, config);
        this.handling = new RecordHandling(recording.codec, recording.publisher, ledger, metrics);
        this.processor = new UploadProcessor(images, executor, this.config.maxInlineBytes());
    }

    /** {@code event} as the consumer would receive it. */
    public InboundRecord record(CloudEvent event, String topic, long offset) {
        CloudEventCodec.Encoded encoded = recording.codec.encode(event, EventMode.STRUCTURED);
        return record(encoded.value(), encoded.headers(), topic, offset);
    }

    public InboundRecord record(byte[] value, Headers headers, String topic, long offset) {
        return new InboundRecord("key-" + offset, value, headers, topic, 0, offset);
    }

    /** The record's CloudEvent, as a downstream consumer would read it. */
    public CloudEvent read(RecordingEmitter.Sent sent) throws Exception {
        return recording.codec.decode(sent.value(), sent.headers());
    }

    /** The count of a pipeline counter with these tags, 0 before it was first counted. */
    public double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        ledger.close();
    }
}
