package dev.dpiqa.app;

import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.kafka.TopicSnapshot;
import dev.dpiqa.pipeline.labels.KafkaLabelStore;
import dev.dpiqa.pipeline.modelupdates.ModelUpdatePublisher;
import dev.dpiqa.redistill.LabelStore;
import dev.dpiqa.redistill.ModelAnnouncer;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

/** Re-distillation reads its labels and recent uploads from the pipeline's topics and announces on one. */
public class DistillBeans {

    @Produces
    @Singleton
    ModelAnnouncer modelAnnouncer(PipelineConfig config, Instance<ModelUpdatePublisher> publisher) {
        return config.enabled() ? publisher.get()::announce : ModelAnnouncer.NONE;
    }

    @Produces
    @Singleton
    LabelStore labelStore(@Identifier("default-kafka-broker") Map<String, Object> kafka, CloudEventCodec codec,
                          PipelineConfig config) {
        return new KafkaLabelStore(new TopicSnapshot(kafka), codec, config);
    }
}
