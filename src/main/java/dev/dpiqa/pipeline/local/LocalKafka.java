package dev.dpiqa.pipeline.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Decides, before Quarkus starts, whether this process runs its own broker: always for {@code dpiqa demo}, and for
 * the service in the {@code local} profile when no external broker is configured. The broker must be up before
 * the Kafka connectors start, so this runs in {@code main}, not as a bean.
 */
public final class LocalKafka {

    /** The topics of application.properties' {@code dpiqa.pipeline.topics.*}, created up front. */
    public static final List<String> TOPICS = List.of("image-uploads", "image-quality", "image-quality-borderline",
            "image-uploads-retry", "image-uploads-dlq", "thumbnail-requests", "thumbnail-selected", "image-labels",
            "model-updates");
    /** The label store: the latest label of every asset, kept for as long as the topic lives. */
    public static final Set<String> COMPACTED = Set.of("image-labels");
    public static final int PARTITIONS = 4;
    private static final int USUAL_PORT = 9092;

    private LocalKafka() {
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

    /**
     * A broker with the pipeline's topics, on 9092 when free (so local tools find it), else on any port (0: any),
     * its data in a temp dir that lives as long as it does.
     */
    public static LocalBroker start(boolean preferUsualPort) {
        LocalBroker broker = factory().startTemporary(preferUsualPort && isFree(USUAL_PORT) ? USUAL_PORT : 0, PARTITIONS);
        broker.createTopics(TOPICS, COMPACTED);
        return broker;
    }

    private static LocalBroker.Factory factory() {
        try {
            return ServiceLoader.load(LocalBroker.Factory.class, LocalKafka.class.getClassLoader()).findFirst()
                    .orElseThrow(LocalKafka::noBroker);
        } catch (ServiceConfigurationError e) { // a build directory reused across profiles names a broker it lacks
            throw noBroker();
        }
    }

    private static IllegalStateException noBroker() {
        return new IllegalStateException("this build has no embedded Kafka broker (production builds leave it out):"
                + " build with -Pdemo, as ./dpiqa does, or name a broker with KAFKA_BOOTSTRAP_SERVERS");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
