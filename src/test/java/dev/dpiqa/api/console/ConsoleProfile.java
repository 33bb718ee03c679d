package dev.dpiqa.api.console;

import dev.dpiqa.pipeline.EmbeddedKafkaResource;
import dev.dpiqa.pipeline.PipelineProfiles;
import dev.dpiqa.redistill.CopiedModelCache;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The console on the pipeline over the embedded broker, with a writable model cache (the rollback retires a
 * version). Every scored upload counts as borderline, so all of them queue whatever the fixture student says;
 * client-one is an admin, client-two a reviewer without roles.
 */
public class ConsoleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = PipelineProfiles.common();
        config.put("%test.dpiqa.pipeline.teachers", "false");
        config.put("%test.dpiqa.pipeline.cascade.enabled", "false");
        config.put("%test.dpiqa.scoring.cascade-band-mos", "100");
        config.put("%test.dpiqa.api.auth.roles.client-one", "admin");
        config.put("%test.dpiqa.models.intra-op-threads", "1");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedKafkaResource.class),
                new TestResourceEntry(CopiedModelCache.class));
    }
}
