package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.local.EmbeddedKafkaBroker;
import dev.dpiqa.pipeline.local.LocalKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real broker (in this JVM) for a Quarkus test, with the pipeline's topics, as the local demo has it. */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafkaBroker broker;

    /** The broker of the running test profile, for tests that restart it. */
    public static EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = (EmbeddedKafkaBroker) LocalKafka.start(false); // tests restart it
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        broker.close();
    }
}
