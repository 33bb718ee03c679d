package dev.dpiqa.pipeline.labels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.LabelEvent;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.redistill.LabelledImage;
import dev.dpiqa.review.LabelPublisher;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes reviewers' labels on the labels topic as {@code dev.dpiqa.image.labelled} events, keyed by asset id
 * (the topic is compacted by it: an asset's latest label is the one re-distillation reads).
 */
public final class KafkaLabelPublisher implements LabelPublisher {

    /** The CloudEvents source of the console's labels. */
    static final String SOURCE = EventTypes.SOURCE + "/console";

    private final EventPublisher publisher;
    private final ObjectMapper json;

    public KafkaLabelPublisher(EventPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    @Override
    public CompletableFuture<Void> publish(String eventId, LabelledImage label) {
        return publisher.label(label.assetId(), new CloudEvent(eventId, SOURCE, EventTypes.IMAGE_LABELLED,
                Optional.of(Instant.now()), Optional.of(label.assetId()), LabelEvent.data(label, json)));
    }
}
