package dev.dpiqa.pipeline;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pipeline on an embedded broker, with the tiny fixture models, short back-offs and claim-check files on. */
public final class PipelineProfiles {

    private PipelineProfiles() {
    }

    /** What every pipeline test needs: the pipeline on, the embedded broker. */
    abstract static class OnEmbeddedBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedKafkaResource.class));
        }
    }

    public static Map<String, String> common() {
        Map<String, String> config = new HashMap<>();
        config.put("%test.dpiqa.pipeline.enabled", "true");
        config.put("%test.dpiqa.pipeline.file-uris", "true");
        config.put("%test.dpiqa.pipeline.max-inline-bytes", "65536");
        config.put("%test.dpiqa.fetch.allowed-networks", "127.0.0.1/32");
        config.put("%test.dpiqa.fetch.connect-timeout", "500ms");
        config.put("%test.dpiqa.fetch.total-timeout", "2s");
        config.put("%test.dpiqa.pipeline.retry.initial-backoff", "200ms");
        config.put("%test.dpiqa.pipeline.retry.max-backoff", "1s");
        return config;
    }

    /** Students and teacher workers in one instance, like the local demo. */
    public static class WithTeacher extends OnEmbeddedBroker {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = common();
            config.put("%test.dpiqa.pipeline.teachers", "true");
            config.put("%test.dpiqa.pipeline.cascade.deadline", "30s");
            return config;
        }
    }

    /** Students only: borderline uploads must still be answered, by the student, after the deadline. */
    public static class WithoutTeacher extends OnEmbeddedBroker {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = common();
            config.put("%test.dpiqa.pipeline.teachers", "false");
            config.put("%test.dpiqa.pipeline.cascade.deadline", "1500ms");
            config.put("%test.dpiqa.pipeline.cascade.grace", "500ms");
            return config;
        }
    }

    /** Students only, with OpenTelemetry on: spans go to {@link InMemorySpans}. */
    public static class Traced extends WithoutTeacher {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = super.getConfigOverrides();
            config.put("%test.quarkus.otel.sdk.disabled", "false");
            return config;
        }
    }
}
