package dev.dpiqa.pipeline.modelupdates;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.StudentSwap;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.ModelUpdateEvent;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.serving.ModelsConfig;
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
 * reads every update (a group of its own); the swap keeps in-flight batches on the old version, so no
 * upload is lost or scored twice. A student pinned by configuration stays pinned. An update that cannot be applied
 * is logged and skipped: the instance keeps serving what it has.
 *
 * <p>The model cache is the record of what to serve; an event only says when to look. Each time this consumer is
 * given its partition ({@link ModelUpdateCatchUp}) it catches up with the cache's newest version, so an update
 * announced before its position on the topic was fixed (while this instance started, or while it was out of the
 * group) is not missed.
 */
@ApplicationScoped
public class ModelUpdateConsumer {

    private static final Logger LOG = Logger.getLogger(ModelUpdateConsumer.class);

    private final CloudEventCodec codec;
    private final ObjectMapper json;
    private final StudentSwap serving;
    private final ModelRegistry registry;
    private final ModelsConfig models;
    private final PipelineMetrics metrics;

    public ModelUpdateConsumer(CloudEventCodec codec, ObjectMapper json, StudentSwap serving, ModelRegistry registry,
                               ModelsConfig models, PipelineMetrics metrics) {
        this.codec = codec;
        this.json = json;
        this.serving = serving;
        this.registry = registry;
        this.models = models;
        this.metrics = metrics;
    }

    @Incoming("model-updates-in")
    @Blocking
    public CompletionStage<Void> updates(KafkaRecordBatch<String, byte[]> batch) {
        return RecordHandling.consume(batch, "model updates", records -> {
            records.forEach(this::apply);
            return CompletableFuture.completedFuture(null); // failures are logged, not retried
        });
    }

    /** One record of a batch; package-private for the unit tests, which have no batch to hand. */
    void apply(InboundRecord record) {
        try {
            CloudEvent event = codec.decode(record.value(), record.headers());
            if (!EventTypes.MODEL_UPDATED.equals(event.type())) {
                return;
            }
            ModelUpdateEvent update = json.treeToValue(event.data(), ModelUpdateEvent.class);
            if (!update.model().name().equals(models.student().name())) {
                return;
            }
            if (isPinned(update.action() + " of " + update.model().name() + "/" + update.model().version())) {
                metrics.modelUpdate("pinned");
                return;
            }
            boolean swapped = serve(registry.version(update.model().name(), update.model().version()), update.action());
            metrics.modelUpdate(swapped ? "applied" : "unchanged");
        } catch (MalformedEventException | IOException | ModelException | RuntimeException e) {
            LOG.errorf("cannot apply the model update at %s, still serving what it had: %s", record.position(),
                    e.toString());
            metrics.modelUpdate("refused");
        }
    }

    /**
     * Serves the cache's newest version of the student if it is not serving already (counted as "caught-up"). It reads
     * the cache under the swap lock, so an event's swap cannot fall between that read and this swap and be undone.
     */
    synchronized void catchUp() {
        if (isPinned("catching up with the model cache")) {
            return;
        }
        try {
            if (serve(registry.latest(models.student().name()), "caught up with the model cache")) {
                metrics.modelUpdate("caught-up");
            }
        } catch (ModelException | RuntimeException e) {
            LOG.errorf("cannot catch up with the model cache, still serving what it had: %s", e.toString());
            metrics.modelUpdate("refused");
        }
    }

    private boolean isPinned(String what) {
        models.student().version().ifPresent(pin -> LOG.infof("ignoring %s: the student is pinned to %s", what, pin));
        return models.student().version().isPresent();
    }

    /** One swap at a time. */
    private synchronized boolean serve(CachedModel next, String why) throws ModelException {
        Optional<ModelManifest> replaced = serving.swapStudent(next);
        replaced.ifPresent(old -> LOG.infof("%s: now serving %s instead of %s", why, next.id(), old.id()));
        return replaced.isPresent();
    }
}
