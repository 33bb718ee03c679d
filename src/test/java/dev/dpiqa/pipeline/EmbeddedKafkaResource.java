package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.local.EmbeddedKafkaBroker;
import dev.dpiqa.pipeline.local.LocalKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A real broker (in this JVM) for a Quarkus test, with the pipeline's topics created up front. */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    /** The topics of application.properties' {@code dpiqa.pipeline.topics.*}. */
    public static final List<String> TOPICS = List.of("image-uploads", "image-quality", "image-quality-borderline",
            "image-uploads-retry", "image-uploads-dlq", "thumbnail-requests", "thumbnail-selected", "image-labels",
            "model-updates");

    private static volatile EmbeddedKafkaBroker broker;
    private Path dir;

    /** The broker of the running test profile, for tests that restart it. */
    public static EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("dpiqa-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = EmbeddedKafkaBroker.start(dir, 0, 4);
        broker.createTopics(TOPICS, LocalKafka.COMPACTED);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
