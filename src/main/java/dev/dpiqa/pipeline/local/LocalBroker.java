package dev.dpiqa.pipeline.local;

import java.util.Collection;
import java.util.Set;

/**
 * A Kafka broker inside this JVM, for the demo, the {@code local} profile and the tests. Its implementation (Kafka's
 * own server, with Scala) lives in {@code src/broker} and is packaged only by the {@code demo} build profile, as
 * {@code ./dpiqa} builds: production images talk to a real broker and leave its 30 MB out.
 */
public interface LocalBroker extends AutoCloseable {

    /** Where clients connect: {@code localhost:<port>}. */
    String bootstrapServers();

    /** Creates the topics that do not exist yet; {@code compacted} among them keep the latest record per key. */
    void createTopics(Collection<String> topics, Set<String> compacted);

    /** Stops the broker and deletes its data. */
    @Override
    void close();

    /** Found with {@link java.util.ServiceLoader} where the build packaged a broker. */
    interface Factory {

        /** A broker on {@code port} (0: any free one), its data in a new temp directory. */
        LocalBroker startTemporary(int port, int partitions);
    }
}
