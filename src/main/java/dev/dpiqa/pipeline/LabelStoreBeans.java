package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.training.LabelStore;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

/** Re-distillation reads its labels and recent uploads from the pipeline's topics. */
public class LabelStoreBeans {

    @Produces
    @Singleton
    LabelStore labelStore(@Identifier("default-kafka-broker") Map<String, Object> kafka, CloudEventCodec codec,
                          PipelineConfig config) {
        return new KafkaLabelStore(new TopicSnapshot(kafka), codec, config);
    }
}
