package dev.dpiqa.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.EngineChoice;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.ServingModel;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import dev.dpiqa.model.djl.ModelLoaders;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.local.EmbeddedKafkaBroker;
import dev.dpiqa.scoring.MicroBatchConfig;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.VerdictPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kafka pipeline's throughput and latency through a real broker, against the scoring engine in-process on the
 * same JPEGs in the same run. Per poll batch size (max.poll.records 1/8/32) the packaged service runs as its own
 * process on fresh topics; after a warm-up, bursts of uploads give the sustained rate (their median), then
 * streams offered at fixed fractions of that rate give the end-to-end latency (upload record timestamp to quality
 * record timestamp) from light load to near saturation, and the service's RSS and heap after that load.
 * The engine in-process is measured before, between and after the bursts; each burst's ratio is to the mean of the
 * measurements either side of it, and the run's ratio is their median.
 * The broker runs in this JVM, as in the local demo. Run by {@code bench/pipeline.sh}.
 *
 * <p>Arguments: {@code model-cache-dir student-name jpeg-dir out.json events}.
 */
public final class PipelineBench {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    // Poll batch sizes (max.poll.records) to run, and the micro-batch of both sides (dpiqa.scoring.max-batch; unset:
    // the service's default for the engine): env POLL_BATCHES, MAX_BATCH.
    private static final List<Integer> POLL_BATCHES = Stream.of(System.getenv().getOrDefault("POLL_BATCHES",
            "1,8,32").split(",")).map(String::strip).map(Integer::valueOf).toList();
    private static final Optional<Integer> MAX_BATCH = Optional.ofNullable(System.getenv("MAX_BATCH"))
            .map(Integer::valueOf);
    // Offered load as a fraction of the burst capacity: latency without queueing up to near saturation.
    private static final List<Double> OFFERED_FRACTIONS = List.of(0.25, 0.5, 0.75, 0.9);
    private static final int SERVICE_CONCURRENCY = 4; // dpiqa.pipeline.concurrency's default
    private static final int DEFAULT_POLL_BATCH = 8;  // mp.messaging.connector.smallrye-kafka.max.poll.records
    private static final double WARM_JIT_SHARE = 0.02;
    private static final int BURSTS = 3;
    private static final int MAX_WARM_UP_ROUNDS = 6;
    private static final String[] TOPIC_KEYS = {"uploads", "quality", "borderline", "retry", "dead-letter",
            "thumbnail-requests", "thumbnail-selected"};

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        String student = args[1];
        List<Path> jpegs = jpegsIn(Path.of(args[2]));
        int events = Integer.parseInt(args[4]);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("jpegs", jpegs.size());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary(0, 4);
             InProcess auto = new InProcess(cache, student, jpegs, EngineChoice.AUTO);
             InProcess pytorch = new InProcess(cache, student, jpegs, EngineChoice.PYTORCH)) {
            auto.measure(events); // the JIT's warm-up, as the service gets its own
            pytorch.measure(events);
            Map<String, Object> pipeline = new LinkedHashMap<>();
            for (int batch : POLL_BATCHES) {
                pipeline.put(Integer.toString(batch), measured(broker, auto, cache, student, jpegs, events, batch));
            }
            // serve's memory and speed on DJL PyTorch, at the default poll batch, beside the default engine's.
            if (!"0".equals(System.getenv("PYTORCH_COMPARISON"))) {
                pipeline.put(DEFAULT_POLL_BATCH + " " + EngineChoice.PYTORCH.name().toLowerCase(Locale.ROOT),
                        measured(broker, pytorch, cache, student, jpegs, events, DEFAULT_POLL_BATCH));
            }
            result.put("pipeline", pipeline);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[3]).toFile(), result);
    }

    /**
     * The engine alone, as the service runs it: the same engine choice ({@code dpiqa.models.engine}; AUTO is ONNX
     * Runtime on CPUs for versions with an ONNX file), decode pool and micro-batches, fed a steady stream of uploads.
     */
    private static final class InProcess implements AutoCloseable {
        private final List<byte[]> jpegs = new ArrayList<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(SERVICE_CONCURRENCY);
        private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());
        private final EngineChoice choice;
        private final ServingModel serving;
        private final StudentScorer scorer;
        private final int maxBatch;

        InProcess(Path cache, String student, List<Path> files, EngineChoice choice) throws Exception {
            this.choice = choice;
            for (Path file : files) {
                jpegs.add(Files.readAllBytes(file));
            }
            CachedModel cached = new ModelRegistry(cache).resolve(student, Optional.empty());
            // The service's defaults (dpiqa.models.*, dpiqa.scoring.*), so both sides run the same engine.
            DjlLoaderConfig defaults = DjlLoaderConfig.defaults();
            serving = new ServingModel(new ModelLoaders(defaults, choice).serving(), cached);
            maxBatch = MAX_BATCH.orElse(MicroBatchConfig.maxBatchFor(serving.engine()));
            scorer = new StudentScorer(serving, POLICY, new MicroBatchConfig(maxBatch,
                    Duration.ofMillis(5), 1024, defaults.predictors()));
        }

        /** @param cpuSecondsPerImage this JVM's, the idle broker's share included */
        record Rate(double imagesPerSecond, double cpuSecondsPerImage) {
        }

        /** A stream of uploads with enough in flight that the model never waits: the engine's capacity. */
        Rate measure(int images) throws InterruptedException {
            EndToEndRun run = new EndToEndRun(jpegs, 1, intake, scorer, pool, maxBatch + SERVICE_CONCURRENCY);
            run.run(maxBatch); // warm-up
            long start = System.nanoTime();
            Duration cpu = ThreadCpu.total(ProcessHandle.current());
            run.run(images);
            return new Rate(images / ((System.nanoTime() - start) / 1e9),
                    ThreadCpu.total(ProcessHandle.current()).minus(cpu).toNanos() / 1e9 / images);
        }

        @Override
        public void close() {
            scorer.close();
            serving.close();
            pool.shutdown();
        }
    }

    /**
     * One pipeline run, its bursts alternating with in-process measurements of the same engine (before the first,
     * between, after the last), so load drift hits both alike; each burst's ratio is to the mean of its neighbours.
     */
    private static Map<String, Object> measured(EmbeddedKafkaBroker broker, InProcess engine, Path cache,
                                                String student, List<Path> jpegs, int events, int batch)
            throws Exception {
        String suffix = "-b" + batch + "-" + engine.choice.name().toLowerCase(Locale.ROOT);
        List<String> topics = new ArrayList<>();
        for (String key : TOPIC_KEYS) {
            topics.add("bench-" + key + suffix);
        }
        broker.createTopics(topics);
        Path log = Files.createTempFile("dpiqa-bench-service", ".log");
        Process service = startService(broker, cache, student, batch, engine.choice, suffix, log);
        try (Answers answers = new Answers(broker.bootstrapServers(), "bench-quality" + suffix);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer())) {
            Ready ready = awaitReady(log, Duration.ofMinutes(3));
            Uploads uploads = new Uploads(producer, "bench-uploads" + suffix, jpegs);
            int warmUpRounds = warmUp(service, uploads, answers, Math.max(16, events));

            List<InProcess.Rate> alone = new ArrayList<>(List.of(engine.measure(events)));
            List<Burst> bursts = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < BURSTS; i++) {
                Burst burst = burst(service, uploads, answers, events);
                alone.add(engine.measure(events));
                bursts.add(burst);
                ratios.add(burst.eventsPerSecond() / ((alone.get(i).imagesPerSecond()
                        + alone.get(i + 1).imagesPerSecond()) / 2));
            }
            // Where the CPU went over all bursts: the service, and this JVM's broker, upload producer and reader.
            int burstEvents = events * BURSTS;
            Map<String, Object> burstCpu = new LinkedHashMap<>();
            burstCpu.put("service_s_per_event", bursts.stream().mapToDouble(b -> b.serviceCpu().toNanos() / 1e9)
                    .sum() / burstEvents);
            burstCpu.put("broker_and_bench_clients_s_per_event", bursts.stream()
                    .mapToDouble(b -> b.benchCpu().toNanos() / 1e9).sum() / burstEvents);
            Map<String, Double> roles = new TreeMap<>();
            bursts.forEach(b -> b.serviceSecondsByRole().forEach((role, sec) -> roles.merge(role, sec, Double::sum)));
            roles.replaceAll((role, seconds) -> seconds / burstEvents);
            burstCpu.put("service_by_role_s_per_event", roles);

            double capacity = median(bursts.stream().map(Burst::eventsPerSecond).toList());
            Map<String, Object> sweep = new LinkedHashMap<>();
            for (double fraction : OFFERED_FRACTIONS) {
                sweep.put(String.format(Locale.ROOT, "%.2f", fraction),
                        paced(uploads, answers, capacity * fraction, Math.max(8, events / 2)));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("startup_to_ready_s", ready.millis() / 1e3);
            result.put("warm_up_rounds", warmUpRounds);
            result.put("engine", servingEngine(log));
            result.put("max_batch", engine.maxBatch);
            result.put("burst_events_per_s", capacity);
            result.put("bursts_events_per_s", bursts.stream().map(Burst::eventsPerSecond).toList());
            result.put("in_process_images_per_s", alone.stream().mapToDouble(InProcess.Rate::imagesPerSecond)
                    .average().orElseThrow());
            result.put("in_process_samples_images_per_s", alone.stream().map(InProcess.Rate::imagesPerSecond)
                    .toList());
            result.put("in_process_cpu_s_per_image", alone.stream().mapToDouble(InProcess.Rate::cpuSecondsPerImage)
                    .average().orElseThrow());
            result.put("burst_ratios", ratios);
            result.put("ratio_to_in_process", median(ratios));
            result.put("burst_cpu", burstCpu);
            result.put("offered_rate_sweep", sweep);
            result.put("memory_after_load", memory(service, ready.port()));
            System.err.printf("poll batch %d, %s: %s%n", batch, engine.choice, result);
            return result;
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** One burst's rate (the capacity) and the CPU it took: the service's in all and by role, and this JVM's. */
    private record Burst(double eventsPerSecond, Duration serviceCpu, Map<String, Double> serviceSecondsByRole,
                         Duration benchCpu) {
    }

    /** {@code events} uploads at once; the rate is from the first sent to the last answer read. */
    private static Burst burst(Process service, Uploads uploads, Answers answers, int events) throws Exception {
        long start = System.nanoTime();
        Duration serviceCpu = ThreadCpu.total(service.toHandle());
        Map<String, Double> serviceRoles = ThreadCpu.secondsByRole(service.pid());
        Duration benchCpu = ThreadCpu.total(ProcessHandle.current());
        Map<String, Long> sent = uploads.send(events, 0);
        answers.await(sent, Duration.ofMinutes(10));
        double seconds = (answers.lastArrivalNanos(sent.keySet()) - start) / 1e9;
        Map<String, Double> roles = ThreadCpu.perEvent(serviceRoles, ThreadCpu.secondsByRole(service.pid()), 1);
        return new Burst(events / seconds, ThreadCpu.total(service.toHandle()).minus(serviceCpu), roles,
                ThreadCpu.total(ProcessHandle.current()).minus(benchCpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * A fresh JVM runs the decoder, resizer and Kafka clients interpreted until the JIT has compiled them, and the
     * compiler threads take CPU from the model meanwhile; a long-running service has that behind it. Rounds of
     * uploads until the compiler's share of the service's CPU in a round is below {@link #WARM_JIT_SHARE}.
     *
     * @return the rounds it took
     */
    private static int warmUp(Process service, Uploads uploads, Answers answers, int perRound) throws Exception {
        for (int round = 1; ; round++) {
            Map<String, Double> before = ThreadCpu.secondsByRole(service.pid());
            answers.await(uploads.send(perRound, 0), Duration.ofMinutes(5));
            Map<String, Double> spent = ThreadCpu.perEvent(before, ThreadCpu.secondsByRole(service.pid()), perRound);
            double jitShare = spent.getOrDefault("jit", 0.0)
                    / spent.values().stream().mapToDouble(Double::doubleValue).sum();
            if (jitShare < WARM_JIT_SHARE || round == MAX_WARM_UP_ROUNDS) {
                return round;
            }
        }
    }

    /** A stream offered at {@code perSecond}: latency from upload to answer, and the rate actually achieved. */
    private static Map<String, Object> paced(Uploads uploads, Answers answers, double perSecond, int count)
            throws Exception {
        long start = System.nanoTime();
        Map<String, Long> sent = uploads.send(count, perSecond);
        answers.await(sent, Duration.ofMinutes(10));
        List<Long> latencies = answers.latenciesMillis(sent);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("offered_per_s", perSecond);
        run.put("achieved_per_s", count / ((answers.lastArrivalNanos(sent.keySet()) - start) / 1e9));
        run.put("latency_ms", Map.of("p50", percentile(latencies, 50), "p99", percentile(latencies, 99),
                "max", Collections.max(latencies)));
        return run;
    }

    /** The service's resident set (from /proc) and JVM heap in use (from its Prometheus endpoint), in MiB. */
    private static Map<String, Object> memory(Process service, int port) throws Exception {
        Map<String, Object> memory = new LinkedHashMap<>();
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(
                Files.readString(Path.of("/proc", Long.toString(service.pid()), "status")));
        memory.put("rss_mib", rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : null);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)").matcher(metrics);
        double heapBytes = 0;
        while (heap.find()) {
            heapBytes += Double.parseDouble(heap.group(1));
        }
        memory.put("heap_used_mib", heapBytes / (1024 * 1024));
        return memory;
    }

    /** What the service's log says serves the student ("serving [name@version (ENGINE)]"). */
    private static String servingEngine(Path log) throws Exception {
        Matcher serving = Pattern.compile("serving \\[[^(]*\\((\\w+)\\)").matcher(Files.readString(log));
        return serving.find() ? serving.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private static Process startService(EmbeddedKafkaBroker broker, Path cache, String student, int batch,
                                        EngineChoice engine, String suffix, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        // e.g. a flight recording of the service alone: -XX:StartFlightRecording:filename=service.jfr
        String serviceJvmOptions = System.getenv().getOrDefault("BENCH_SERVICE_JVM_OPTS", "").strip();
        if (!serviceJvmOptions.isEmpty()) {
            command.addAll(List.of(serviceJvmOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-Dai.djl.offline=true",
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.http.port=0",
                "-Ddpiqa.api.auth.enabled=false",
                "-Ddpiqa.models.cache-dir=" + cache,
                "-Ddpiqa.models.student.name=" + student,
                "-Ddpiqa.models.engine=" + engine.name().toLowerCase(Locale.ROOT),
                "-Ddpiqa.pipeline.file-uris=true",
                "-Ddpiqa.pipeline.cascade.enabled=false",
                "-Dmp.messaging.connector.smallrye-kafka.max.poll.records=" + batch));
        for (String key : TOPIC_KEYS) {
            command.add("-Ddpiqa.pipeline.topics." + key + "=bench-" + key + suffix);
        }
        MAX_BATCH.ifPresent(max -> command.add("-Ddpiqa.scoring.max-batch=" + max));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar", "serve"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private record Ready(long millis, int port) {
    }

    /** Milliseconds from now until the service's readiness probe says UP, and its HTTP port. */
    private static Ready awaitReady(Path log, Duration limit) throws Exception {
        long start = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        while (System.nanoTime() - start < limit.toNanos()) {
            Matcher port = listening.matcher(Files.readString(log));
            if (port.find()) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port.group(1) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return new Ready((System.nanoTime() - start) / 1_000_000, Integer.parseInt(port.group(1)));
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not ready after " + limit + "; see " + log);
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static List<Path> jpegsIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().toLowerCase().endsWith(".jpg")).sorted().toList();
        }
    }

    /** Upload events by file URI, cycling through the JPEGs. */
    private static final class Uploads {
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;
        private final List<Path> jpegs;
        private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper());
        private int next;

        Uploads(KafkaProducer<String, byte[]> producer, String topic, List<Path> jpegs) {
            this.producer = producer;
            this.topic = topic;
            this.jpegs = jpegs;
        }

        /** @param perSecond 0 for as fast as possible; returns each event id with its record timestamp */
        Map<String, Long> send(int count, double perSecond) throws Exception {
            Map<String, Long> sent = new LinkedHashMap<>();
            List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    while (System.nanoTime() < due) {
                        Thread.sleep(1);
                    }
                }
                String id = UUID.randomUUID().toString();
                String asset = "asset-" + (next % 1000);
                ObjectNode data = new ObjectMapper().createObjectNode().put("asset_id", asset)
                        .put("image_uri", jpegs.get(next++ % jpegs.size()).toUri().toString());
                CloudEventCodec.Encoded encoded = codec.encode(new CloudEvent(id, "/bench", EventTypes.IMAGE_UPLOADED,
                        Optional.of(Instant.now()), Optional.of(asset), data), EventMode.STRUCTURED);
                acks.add(producer.send(new ProducerRecord<>(topic, null, asset, encoded.value(), encoded.headers())));
                ids.add(id);
            }
            for (int i = 0; i < ids.size(); i++) {
                sent.put(ids.get(i), acks.get(i).get().timestamp());
            }
            return sent;
        }
    }

    /** Reads the quality topic in the background: answer timestamp and arrival time per source event id. */
    private static final class Answers implements AutoCloseable {
        private final Map<String, Long> timestamps = new ConcurrentHashMap<>();
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean closed;

        Answers(String bootstrap, String topic) {
            reader = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    while (!closed) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                            PipelineHeaders.text(r.headers(), PipelineHeaders.SOURCE_EVENT_ID).ifPresent(id -> {
                                timestamps.put(id, r.timestamp());
                                arrivals.put(id, System.nanoTime());
                            });
                        }
                    }
                }
            }, "bench-answers");
            reader.start();
        }

        void await(Map<String, Long> sent, Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (!timestamps.keySet().containsAll(sent.keySet())) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("not all uploads answered within " + limit);
                }
                Thread.sleep(20);
            }
        }

        long lastArrivalNanos(java.util.Set<String> ids) {
            return ids.stream().mapToLong(arrivals::get).max().orElseThrow();
        }

        List<Long> latenciesMillis(Map<String, Long> sent) {
            return sent.entrySet().stream().map(e -> timestamps.get(e.getKey()) - e.getValue()).toList();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            reader.join();
        }
    }
}
