package dev.dpiqa.pipeline.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A single-node Kafka (broker and KRaft controller in one) inside this JVM, for the local demo and the tests.
 * Never a production broker: one replica, no security. It can be stopped and started again on the same ports and
 * log directory, which is how tests restart "the broker" without losing its data.
 */
public final class EmbeddedKafkaBroker implements LocalBroker {

    /** How {@link LocalKafka} finds this broker in a build that has it. */
    public static final class Provider implements LocalBroker.Factory {
        @Override
        public LocalBroker startTemporary(int port, int partitions) {
            return EmbeddedKafkaBroker.startTemporary(port, partitions);
        }
    }

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private final boolean ownsLogDir;
    private final int brokerPort;
    private final int controllerPort;
    private final int partitions;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean ownsLogDir, int brokerPort, int controllerPort, int partitions) {
        this.logDir = logDir;
        this.ownsLogDir = ownsLogDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    /**
     * Formats {@code logDir} (when new) and starts a broker on {@code port}, or on a free port when 0.
     *
     * @param partitions of every topic created automatically
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int partitions) {
        return start(logDir, false, port, partitions);
    }

    /** A broker whose data lives in a new temp directory, deleted by {@link #close()}. */
    public static EmbeddedKafkaBroker startTemporary(int port, int partitions) {
        try {
            return start(Files.createTempDirectory("dpiqa-kafka"), true, port, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the broker", e);
        }
    }

    private static EmbeddedKafkaBroker start(Path logDir, boolean owned, int port, int partitions) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, owned, port == 0 ? freePort() : port,
                freePort(), partitions);
        broker.format();
        broker.startServer();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    /** Creates the topics that do not exist yet, with this broker's partition count. */
    public void createTopics(Collection<String> topics) {
        createTopics(topics, Set.of());
    }

    @Override
    public void createTopics(Collection<String> topics, Set<String> compacted) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : topics) {
                try {
                    NewTopic newTopic = new NewTopic(topic, partitions, (short) 1);
                    if (compacted.contains(topic)) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    admin.createTopics(List.of(newTopic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Stops the broker, keeping its data; {@link #restart()} brings it back with the same address. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        startServer();
    }

    /** Stops the broker; deletes its data if it lives in a directory of its own. */
    @Override
    public void close() {
        stop();
        if (ownsLogDir) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }

    private synchronized void startServer() {
        server = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        server.startup();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:"
                + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("num.partitions", Integer.toString(partitions));
        // One node: every internal topic has one replica, and nobody waits for group members that never come.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        return config;
    }

    private void format() {
        try {
            Files.createDirectories(logDir);
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true);
            formatter.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker's log directory " + logDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
