package dev.dpiqa.redistill;

import dev.dpiqa.pipeline.EmbeddedKafkaResource;
import dev.dpiqa.pipeline.PipelineProfiles;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The pipeline on an embedded broker with a writable copy of the fixture cache, and re-distillation sized for the
 * tiny fixture student: a few dozen 64×64 images, enough epochs and a large enough step to learn them.
 */
public class DistillProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = PipelineProfiles.common();
        config.put("%test.dpiqa.pipeline.teachers", "false");
        config.put("%test.dpiqa.pipeline.cascade.enabled", "false");
        config.put("%test.dpiqa.models.intra-op-threads", "1");
        config.put("%test.dpiqa.distill.epochs", "40");
        config.put("%test.dpiqa.distill.batch-size", "8");
        config.put("%test.dpiqa.distill.learning-rate", "0.005");
        config.put("%test.dpiqa.distill.held-fraction", "0.25");
        config.put("%test.dpiqa.distill.min-held", "6");
        config.put("%test.dpiqa.distill.unlabelled.max", "4");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedKafkaResource.class), new TestResourceEntry(CopiedModelCache.class));
    }
}
