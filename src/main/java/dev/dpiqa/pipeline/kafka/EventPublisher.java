package dev.dpiqa.pipeline.kafka;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.concurrent.CompletableFuture;

/**
 * Writes the pipeline's records. Every future completes when the broker has acknowledged the record (the
 * producers use {@code acks=all} and idempotence), which is what consumers wait for before committing.
 * Records for one key are written in call order.
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<byte[]> quality;
    private final MutinyEmitter<byte[]> borderline;
    private final MutinyEmitter<byte[]> retry;
    private final MutinyEmitter<byte[]> deadLetter;
    private final MutinyEmitter<byte[]> thumbnails;
    private final MutinyEmitter<byte[]> labels;
    private final CloudEventCodec codec;
    private final PipelineConfig config;

    public EventPublisher(@Channel("quality-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                          MutinyEmitter<byte[]> quality,
                          @Channel("borderline-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                          MutinyEmitter<byte[]> borderline,
                          @Channel("retry-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                          MutinyEmitter<byte[]> retry,
                          @Channel("dead-letter-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                          MutinyEmitter<byte[]> deadLetter,
                          @Channel("thumbnails-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                          MutinyEmitter<byte[]> thumbnails,
                          @Channel("labels-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
                          MutinyEmitter<byte[]> labels,
                          CloudEventCodec codec, PipelineConfig config) {
        this.quality = quality;
        this.borderline = borderline;
        this.retry = retry;
        this.deadLetter = deadLetter;
        this.thumbnails = thumbnails;
        this.labels = labels;
        this.codec = codec;
        this.config = config;
    }

    public CompletableFuture<Void> quality(String key, CloudEvent event, SourceEvent source) {
        return event(quality, key, event, source);
    }

    public CompletableFuture<Void> borderline(String key, CloudEvent event, SourceEvent source) {
        return event(borderline, key, event, source);
    }

    public CompletableFuture<Void> thumbnailSelected(String key, CloudEvent event, SourceEvent source) {
        return event(thumbnails, key, event, source);
    }

    /** A human label (the reviewer console's decisions): answers no event, so it carries no source headers. */
    public CompletableFuture<Void> label(String key, CloudEvent event) {
        CloudEventCodec.Encoded encoded = codec.encode(event, config.eventMode());
        return send(labels, key, encoded.value(), encoded.headers());
    }

    /**
     * The original record, value and headers untouched, with the reason; {@code source} is null when the record was
     * no readable event.
     */
    public CompletableFuture<Void> deadLetter(InboundRecord original, Failure failure, SourceEvent source) {
        Headers headers = copy(original.headers());
        PipelineHeaders.put(headers, PipelineHeaders.REASON_CODE, failure.code());
        PipelineHeaders.put(headers, PipelineHeaders.REASON, failure.reason());
        original.position().writeTo(headers);
        if (source != null) {
            source.writeTo(headers);
        }
        return send(deadLetter, original.key(), original.value(), headers);
    }

    /** The original record again, due at {@code notBeforeMillis}, as retry number {@code attempt}. */
    public CompletableFuture<Void> retry(InboundRecord original, Failure failure, SourceEvent source, long attempt,
                                         long notBeforeMillis) {
        Headers headers = copy(original.headers());
        source.writeTo(headers);
        PipelineHeaders.put(headers, PipelineHeaders.RETRY_ATTEMPT, attempt);
        PipelineHeaders.put(headers, PipelineHeaders.RETRY_NOT_BEFORE, notBeforeMillis);
        PipelineHeaders.put(headers, PipelineHeaders.REASON_CODE, failure.code());
        PipelineHeaders.put(headers, PipelineHeaders.REASON, failure.reason());
        return send(retry, original.key(), original.value(), headers);
    }

    private CompletableFuture<Void> event(MutinyEmitter<byte[]> emitter, String key, CloudEvent event,
                                          SourceEvent source) {
        CloudEventCodec.Encoded encoded = codec.encode(event, config.eventMode());
        source.writeTo(encoded.headers());
        return send(emitter, key, encoded.value(), encoded.headers());
    }

    private static CompletableFuture<Void> send(MutinyEmitter<byte[]> emitter, String key, byte[] value,
                                                Headers headers) {
        Message<byte[]> message = Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build());
        return emitter.sendMessage(message).subscribeAsCompletionStage();
    }

    private static Headers copy(Headers original) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            headers.add(header);
        }
        return headers;
    }
}
