package dev.dpiqa.pipeline.modelupdates;

import dev.dpiqa.serving.ScoringEngine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * When the {@code model-updates} consumer is given its partition: fixes its position there first, then has
 * {@link ModelUpdateConsumer#catchUp()} serve the cache's newest student. A version that landed before the position
 * was fixed is caught up with; one that lands after it is announced at or after that position and read. The catch-up
 * runs once the models are loaded and off the polling thread, since loading a model takes a while.
 */
@ApplicationScoped
@Identifier(ModelUpdateCatchUp.NAME)
public class ModelUpdateCatchUp implements KafkaConsumerRebalanceListener {

    /** Named by {@code mp.messaging.incoming.model-updates-in.consumer-rebalance-listener.name}. */
    public static final String NAME = "model-updates-catch-up";

    private final ModelUpdateConsumer updates;
    private final ScoringEngine engine;

    public ModelUpdateCatchUp(ModelUpdateConsumer updates, ScoringEngine engine) {
        this.updates = updates;
        this.engine = engine;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        partitions.forEach(consumer::position); // looks the position up now, before the cache is read
        engine.start().thenRunAsync(updates::catchUp);
    }
}
