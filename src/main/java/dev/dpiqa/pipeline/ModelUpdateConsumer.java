package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.ModelUpdateEvent;
import dev.dpiqa.scoring.engine.ModelsConfig;
import dev.dpiqa.scoring.engine.ScoringEngine;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hot-swaps this instance's student when a {@code model-updates} event names a new version of it. Every instance
 * reads every update (a group of its own); the engine's swap keeps in-flight batches on the old version, so no
 * upload is lost or scored twice. A student pinned by configuration stays pinned. An update that cannot be applied
 * is logged and skipped: the instance keeps serving what it has.
 */
@ApplicationScoped
public class ModelUpdateConsumer {

    private static final Logger LOG = Logger.getLogger(ModelUpdateConsumer.class);

    private final CloudEventCodec codec;
    private final ObjectMapper json;
    private final ScoringEngine engine;
    private final ModelRegistry registry;
    private final ModelsConfig models;
    private final PipelineMetrics metrics;

    public ModelUpdateConsumer(CloudEventCodec codec, ObjectMapper json, ScoringEngine engine, ModelRegistry registry,
                               ModelsConfig models, PipelineMetrics metrics) {
        this.codec = codec;
        this.json = json;
        this.engine = engine;
        this.registry = registry;
        this.models = models;
        this.metrics = metrics;
    }

    @Incoming("model-updates-in")
    @Blocking
    public CompletionStage<Void> updates(KafkaRecordBatch<String, byte[]> batch) {
        batch.getRecords().forEach(record -> apply(InboundRecord.of(record)));
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null); // failures are logged, not retried
        BatchAcks.whenSettled(batch, done, "model updates");
        return done;
    }

    private void apply(InboundRecord record) {
        try {
            CloudEvent event = codec.decode(record.value(), record.headers());
            if (!EventTypes.MODEL_UPDATED.equals(event.type())) {
                return;
            }
            ModelUpdateEvent update = json.treeToValue(event.data(), ModelUpdateEvent.class);
            if (!update.model().name().equals(models.student().name())) {
                return;
            }
            if (models.student().version().isPresent()) {
                LOG.infof("ignoring %s of %s/%s: the student is pinned to %s", update.action(), update.model().name(),
                        update.model().version(), models.student().version().get());
                metrics.modelUpdate("pinned");
                return;
            }
            Optional<ModelManifest> replaced = engine.swapStudent(registry.version(update.model().name(),
                    update.model().version()));
            replaced.ifPresent(old -> LOG.infof("%s: now serving %s/%s instead of %s", update.action(),
                    update.model().name(), update.model().version(), old.id()));
            metrics.modelUpdate(replaced.isPresent() ? "applied" : "unchanged");
        } catch (MalformedEventException | IOException | ModelException | RuntimeException e) {
            LOG.errorf("cannot apply the model update at %s, still serving what it had: %s", record.position(),
                    e.toString());
            metrics.modelUpdate("refused");
        }
    }
}
