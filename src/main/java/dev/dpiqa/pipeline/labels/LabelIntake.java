package dev.dpiqa.pipeline.labels;

import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.ImageSource;
import dev.dpiqa.pipeline.PipelineExecutor;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.kafka.BatchAcks;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.LabelEvent;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.redistill.LabelledImage;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Validates each new {@code image-labels} record as it arrives: a CloudEvent of type
 * {@code dev.dpiqa.image.labelled}, a label in range, an image that can be fetched and decoded. A bad one goes to
 * the dead-letter topic with its reason (and is counted); good ones need nothing more, since the compacted topic
 * itself is the label store that re-distillation reads.
 */
@ApplicationScoped
public class LabelIntake {

    private static final Logger LOG = Logger.getLogger(LabelIntake.class);

    private final CloudEventCodec codec;
    private final ImageSource images;
    private final ImageIntake intake;
    private final EventPublisher publisher;
    private final PipelineMetrics metrics;
    private final PipelineExecutor executor;

    public LabelIntake(CloudEventCodec codec, ImageSource images, ImageIntake intake, EventPublisher publisher,
                       PipelineMetrics metrics, PipelineExecutor executor) {
        this.codec = codec;
        this.images = images;
        this.intake = intake;
        this.publisher = publisher;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Incoming("labels-in")
    public CompletionStage<Void> labels(KafkaRecordBatch<String, byte[]> batch) {
        List<InboundRecord> records = batch.getRecords().stream().map(InboundRecord::of).toList();
        CompletableFuture<Void> done = CompletableFuture
                .supplyAsync(() -> records.stream().map(this::check).toList(), executor.executor())
                .thenCompose(sent -> CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
        BatchAcks.whenSettled(batch, done, "labels");
        return done;
    }

    /** Dead-letters the record if it is no usable label; completes when that is acknowledged. */
    private CompletableFuture<Void> check(InboundRecord record) {
        metrics.received(record.topic());
        if (record.value() == null) {
            return CompletableFuture.completedFuture(null); // a tombstone: the label was withdrawn
        }
        SourceEvent source = null;
        try {
            CloudEvent event = codec.decode(record.value(), record.headers());
            source = SourceEvent.of(event);
            if (!EventTypes.IMAGE_LABELLED.equals(event.type())) {
                throw new MalformedEventException("unexpected event type '" + event.type() + "', expected "
                        + EventTypes.IMAGE_LABELLED);
            }
            LabelledImage label = LabelEvent.from(event.data());
            intake.decode(images.fetch(label.imageUri()));
            return CompletableFuture.completedFuture(null);
        } catch (MalformedEventException e) {
            return deadLetter(record, Failure.permanent("INVALID_LABEL", e.getMessage()), source);
        } catch (FailureException e) {
            return deadLetter(record, e.failure(), source);
        } catch (ImageRejectedException e) {
            return deadLetter(record, Failure.imageRejected(e), source);
        }
    }

    private CompletableFuture<Void> deadLetter(InboundRecord record, Failure failure, SourceEvent source) {
        LOG.warnf("label %s dead-lettered: %s", record.position(), failure.reason());
        metrics.deadLettered(failure.code());
        return publisher.deadLetter(record, failure, source);
    }
}
