package dev.dpiqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.TopicPositions;
import dev.dpiqa.pipeline.local.SampleUploads;
import dev.dpiqa.serving.ScoringEngine;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = DemoCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Run the whole Kafka pipeline on this machine: an embedded broker, the consumer service, a "
                + "publisher of upload events over sample photos, and the quality events printed as JSON lines as "
                + "they arrive (dead letters too, with their reason).",
                "Uses the bundled sample photos (LIVE In the Wild) unless --images is given."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every upload was answered (quality event or dead letter)",
                "1:some uploads were not answered in time", "3:the models could not be loaded"})
public class DemoCommand implements Callable<Integer> {

    static final String NAME = "demo";
    private static final String SOURCE_ID = PipelineHeaders.SOURCE_EVENT_ID;

    @Option(names = "--images", paramLabel = "DIR", description = "Publish uploads of the JPEG/PNG files in DIR.")
    Path images;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "Give up waiting for answers after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--binary", description = "Publish CloudEvents in binary mode (attributes in headers).")
    boolean binary;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ScoringEngine engine;
    private final PipelineConfig pipeline;
    private final ObjectMapper json;

    public DemoCommand(ScoringEngine engine, PipelineConfig pipeline, ObjectMapper json) {
        this.engine = engine;
        this.pipeline = pipeline;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        err.println("dpiqa demo: broker at " + bootstrap + ", loading models...");
        try {
            engine.service();
        } catch (Exception e) {
            err.println("dpiqa demo: " + e.getMessage());
            return 3;
        }
        Map<String, Double> labels = Map.of();
        Path dir = images;
        if (dir == null) {
            dir = Files.createTempDirectory("dpiqa-demo-photos");
            labels = SampleUploads.extractBundled(dir);
        }
        List<CloudEvent> uploads = SampleUploads.events(photos(dir), json);
        publish(uploads);
        err.printf("dpiqa demo: published %d upload events to %s; answers follow (stdout, JSON lines)%n",
                uploads.size(), pipeline.topics().uploads());
        Set<String> waiting = new HashSet<>(uploads.stream().map(CloudEvent::id).toList());
        long start = System.nanoTime();
        int[] counts = new int[2];
        Map<String, Double> labelsByAsset = labels;
        follow(waiting, Duration.ofNanos(timeout.toNanos()), (topic, record) -> {
            boolean dead = topic.equals(pipeline.topics().deadLetter());
            counts[dead ? 1 : 0]++;
            System.out.println(json.writeValueAsString(dead ? deadLetterLine(record) : qualityLine(record, labelsByAsset)));
        });
        err.printf("dpiqa demo: %d of %d uploads answered in %.1f s: %d quality events, %d dead letters%n",
                uploads.size() - waiting.size(), uploads.size(), (System.nanoTime() - start) / 1e9, counts[0], counts[1]);
        return waiting.isEmpty() ? 0 : 1;
    }

    private static List<Path> photos(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|webp)"))
                    .sorted().toList();
        }
    }

    private void publish(List<CloudEvent> uploads) {
        CloudEventCodec codec = new CloudEventCodec(json);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (CloudEvent event : uploads) {
                CloudEventCodec.Encoded encoded = codec.encode(event, binary ? EventMode.BINARY : EventMode.STRUCTURED);
                producer.send(new ProducerRecord<>(pipeline.topics().uploads(), null, event.subject().orElseThrow(),
                        encoded.value(), encoded.headers()));
            }
        }
    }

    private interface Printer {
        void print(String topic, ConsumerRecord<String, byte[]> record) throws IOException;
    }

    /** Reads the answer topics from the start, printing the answers to {@code waiting}, until none is left. */
    private void follow(Set<String> waiting, Duration limit, Printer printer) throws IOException {
        List<String> topics = List.of(pipeline.topics().quality(), pipeline.topics().deadLetter());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPositions.assignAll(consumer, topics, Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + limit.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String answered = PipelineHeaders.text(record.headers(), SOURCE_ID).orElse("");
                    if (waiting.remove(answered)) {
                        printer.print(record.topic(), record);
                    }
                }
            }
        }
    }

    private ObjectNode qualityLine(ConsumerRecord<String, byte[]> record, Map<String, Double> labels) {
        ObjectNode line = json.createObjectNode().put("topic", record.topic());
        try {
            JsonNode data = new CloudEventCodec(json).decode(record.value(), record.headers()).data();
            line.setAll((ObjectNode) data);
            Double label = labels.get(data.path("asset_id").asText());
            if (label != null) {
                line.put("label_mos", label); // the photo's human MOS, for comparison
            }
        } catch (MalformedEventException e) {
            line.put("error", e.getMessage());
        }
        return line;
    }

    private ObjectNode deadLetterLine(ConsumerRecord<String, byte[]> record) {
        return json.createObjectNode().put("topic", record.topic()).put("key", record.key())
                .put("reason_code", PipelineHeaders.text(record.headers(), PipelineHeaders.REASON_CODE).orElse(""))
                .put("reason", PipelineHeaders.text(record.headers(), PipelineHeaders.REASON).orElse(""));
    }
}
