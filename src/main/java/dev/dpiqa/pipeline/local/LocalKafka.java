package dev.dpiqa.pipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, before Quarkus starts, whether this process runs its own broker: always for {@code dpiqa demo}, and for
 * the service in the {@code local} profile when no external broker is configured. The broker must be up before
 * the Kafka connectors start, so this runs in {@code main}, not as a bean.
 */
public final class LocalKafka implements AutoCloseable {

    /** The topics the pipeline uses, created up front with {@link #PARTITIONS} partitions. */
    public static final List<String> TOPICS = List.of("image-uploads", "image-quality", "image-quality-borderline",
            "image-uploads-retry", "image-uploads-dlq", "thumbnail-requests", "thumbnail-selected", "image-labels",
            "model-updates");
    /** The label store: the latest label of every asset, kept for as long as the topic lives. */
    public static final Set<String> COMPACTED = Set.of("image-labels");
    static final int PARTITIONS = 4;
    private static final int USUAL_PORT = 9092;

    private final EmbeddedKafkaBroker broker;
    private final Path dir;

    private LocalKafka(EmbeddedKafkaBroker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    /**
     * @param command        the CLI command about to run
     * @param profile        the active Quarkus profile, if any was set
     * @param externalBroker whether {@code kafka.bootstrap.servers} was configured outside application.properties
     */
    public static boolean wanted(String command, Optional<String> profile, boolean externalBroker) {
        return "demo".equals(command)
                || ("serve".equals(command) && profile.filter("local"::equals).isPresent() && !externalBroker);
    }

    /** Starts a broker on 9092 when free (so local tools find it), else on any port, with data in a temp dir. */
    public static LocalKafka start() {
        try {
            Path dir = Files.createTempDirectory("dpiqa-local-kafka");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, isFree(USUAL_PORT) ? USUAL_PORT : 0, PARTITIONS);
            broker.createTopics(TOPICS, COMPACTED);
            return new LocalKafka(broker, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local broker's directory", e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker and deletes its data: a local broker's topics live as long as the process. */
    @Override
    public void close() {
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
