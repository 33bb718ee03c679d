package dev.dpiqa.pipeline.labels;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.pipeline.Failure;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.ImageSource;
import dev.dpiqa.pipeline.PipelineExecutor;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.LabelEvent;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.redistill.LabelledImage;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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

    private final RecordHandling handling;
    private final ImageSource images;
    private final ImageIntake intake;
    private final PipelineMetrics metrics;
    private final PipelineExecutor executor;

    public LabelIntake(RecordHandling handling, ImageSource images, ImageIntake intake, PipelineMetrics metrics,
                       PipelineExecutor executor) {
        this.handling = handling;
        this.images = images;
        this.intake = intake;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Incoming("labels-in")
    public CompletionStage<Void> labels(KafkaRecordBatch<String, byte[]> batch) {
        return RecordHandling.consume(batch, "labels", records -> CompletableFuture
                .supplyAsync(() -> records.stream().map(this::check).toList(), executor.executor())
                .thenCompose(sent -> CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))));
    }

    /** Dead-letters the record if it is no usable label; completes when that is acknowledged. */
    private CompletableFuture<Void> check(InboundRecord record) {
        metrics.received(record.topic());
        if (record.value() == null) {
            return CompletableFuture.completedFuture(null); // a tombstone: the label was withdrawn
        }
        SourceEvent source = null;
        try {
            CloudEvent event = handling.decode(record);
            source = SourceEvent.of(event);
            EventTypes.require(event, EventTypes.IMAGE_LABELLED);
            LabelledImage label = LabelEvent.from(event.data());
            intake.decode(images.fetch(label.imageUri()));
            return CompletableFuture.completedFuture(null);
        } catch (MalformedEventException e) {
            return handling.deadLetter(record, Failure.permanent("INVALID_LABEL", e.getMessage()), source);
        } catch (FailureException e) {
            return handling.deadLetter(record, e.failure(), source);
        } catch (ImageRejectedException e) {
            return handling.deadLetter(record, Failure.imageRejected(e), source);
        }
    }
}
