package dev.dpiqa.pipeline.modelupdates;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.ModelUpdateEvent;
import dev.dpiqa.redistill.ModelAnnouncer;
import dev.dpiqa.scoring.service.ModelRef;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes {@code model-updates} events, keyed by model name so one model's updates stay in order. Created only when
 * the pipeline is on (see {@code app.DistillBeans}): the emitter cannot connect to a disabled channel.
 */
@ApplicationScoped
public class ModelUpdatePublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<byte[]> updates;
    private final CloudEventCodec codec;
    private final ObjectMapper json;
    private final PipelineConfig config;

    public ModelUpdatePublisher(@Channel("model-updates-out") MutinyEmitter<byte[]> updates, CloudEventCodec codec,
                                ObjectMapper json, PipelineConfig config) {
        this.updates = updates;
        this.codec = codec;
        this.json = json;
        this.config = config;
    }

    /** See {@link ModelAnnouncer#announce}. */
    public boolean announce(String action, ModelManifest serving, ModelManifest replaced) {
        ModelUpdateEvent data = new ModelUpdateEvent(action, ref(serving), ref(replaced), serving.sha256());
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), EventTypes.SOURCE, EventTypes.MODEL_UPDATED,
                Optional.of(Instant.now()), Optional.of(serving.name()), json.valueToTree(data));
        CloudEventCodec.Encoded encoded = codec.encode(event, config.eventMode());
        updates.sendMessage(Message.of(encoded.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(serving.name()).withHeaders(encoded.headers()).build())).await().atMost(ACK_TIMEOUT);
        return true;
    }

    private static ModelRef ref(ModelManifest manifest) {
        return new ModelRef(manifest.name(), manifest.version());
    }
}
