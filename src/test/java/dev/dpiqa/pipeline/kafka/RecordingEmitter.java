package dev.dpiqa.pipeline.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One outgoing channel that keeps what it is sent instead of writing it to a broker, for unit tests of the classes
 * that publish; the broker itself is exercised by the integration tests. Only the message methods the pipeline uses
 * are implemented.
 */
public final class RecordingEmitter implements MutinyEmitter<byte[]> {

    /** One record as the producer would have written it. */
    public record Sent(String key, byte[] value, Headers headers) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    public List<Sent> sent() {
        return sent;
    }

    /** Has every later send fail, as a broker that refuses the record would. */
    public void failWith(RuntimeException e) {
        failure = e;
    }

    @Override
    public <M extends Message<? extends byte[]>> Uni<Void> sendMessage(M message) {
        if (failure != null) {
            return Uni.createFrom().failure(failure);
        }
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        sent.add(new Sent(metadata.getKey(), message.getPayload(), metadata.getHeaders()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> send(byte[] payload) {
        throw new UnsupportedOperationException("the pipeline sends messages with metadata");
    }

    @Override
    public void sendAndAwait(byte[] payload) {
        throw new UnsupportedOperationException("the pipeline sends messages with metadata");
    }

    @Override
    public Cancellable sendAndForget(byte[] payload) {
        throw new UnsupportedOperationException("the pipeline sends messages with metadata");
    }

    @Override
    public <M extends Message<? extends byte[]>> void send(M message) {
        throw new UnsupportedOperationException("the pipeline waits for the broker's acknowledgement");
    }

    @Override
    public <M extends Message<? extends byte[]>> void sendMessageAndAwait(M message) {
        sendMessage(message).await().indefinitely();
    }

    @Override
    public <M extends Message<? extends byte[]>> Cancellable sendMessageAndForget(M message) {
        throw new UnsupportedOperationException("the pipeline waits for the broker's acknowledgement");
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
