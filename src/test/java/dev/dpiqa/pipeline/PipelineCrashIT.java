package dev.dpiqa.pipeline;

import dev.dpiqa.PackagedApp;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.local.LocalBroker;
import dev.dpiqa.pipeline.local.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service killed (SIGKILL, no shutdown hooks) in the middle of a stream and started again: every
 * upload still gets exactly one quality event. Answers written after the last offset commit are redelivered to
 * the new process, which must recognise them from the output topic.
 */
class PipelineCrashIT {

    private static final int UPLOADS = 200;

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private LocalBroker broker;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aConsumerKilledMidStreamAnswersEveryUploadExactlyOnceAfterRestart() throws Exception {
        broker = LocalKafka.start(false);
        UploadCorpus corpus = new UploadCorpus(Files.createDirectories(dir.resolve("images")));
        List<CloudEvent> uploads = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            String id = "crash-" + i;
            uploads.add(UploadCorpus.upload(id, UploadCorpus.byUri("asset-" + i,
                    corpus.write(id + ".png", UploadCorpus.picture(i, "png")))));
        }
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            uploads.forEach(e -> kafka.send("image-uploads", e.subject().orElseThrow(), e, EventMode.STRUCTURED));
            kafka.flush();

            Process first = startService("first");
            List<ConsumerRecord<String, byte[]>> before = kafka.readAll("image-quality",
                    r -> r.size() >= UPLOADS / 4, Duration.ZERO, Duration.ofSeconds(120));
            first.destroyForcibly().waitFor();
            long killed = System.currentTimeMillis();
            assertThat(before.size()).as("answers before the kill").isBetween(UPLOADS / 4, UPLOADS - 1);

            Path secondLog = dir.resolve("second.log");
            startService("second");
            List<ConsumerRecord<String, byte[]>> all = kafka.readAll("image-quality",
                    r -> answered(r).size() >= UPLOADS, Duration.ofSeconds(8), Duration.ofSeconds(180));

            long[] lostAndDuplicates = FaultLog.lostAndDuplicates(uploads.stream().map(CloudEvent::id).toList(),
                    KafkaTestClient.sourceIds(all));
            FaultLog.record("consumer killed (SIGKILL) mid-stream, restarted",
                    "answered-but-uncommitted uploads redelivered and recognised; every upload answered once",
                    UPLOADS, lostAndDuplicates[0], lostAndDuplicates[1], all.stream().mapToLong(ConsumerRecord::timestamp)
                            .filter(t -> t > killed).min().stream().mapToDouble(t -> (t - killed) / 1e3).boxed()
                            .findFirst().orElse(null));
            Map<String, Long> perUpload = all.stream()
                    .map(r -> KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID))
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(perUpload.keySet()).containsExactlyInAnyOrderElementsOf(
                    uploads.stream().map(CloudEvent::id).toList());
            assertThat(perUpload).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(metric(secondLog, "dpiqa_pipeline_duplicates_total"))
                    .as("answered but uncommitted uploads were redelivered and recognised").isPositive();
        }
    }

    /** A counter of the running service, read from its Prometheus endpoint (its port from its log). */
    private static double metric(Path log, String name) throws Exception {
        OptionalInt port = PackagedApp.port(log, Duration.ZERO);
        assertThat(port).as("the service logged its port").isPresent();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port.getAsInt() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith(name)).mapToDouble(
                l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Set<String> answered(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> KafkaTestClient.header(r, PipelineHeaders.SOURCE_EVENT_ID))
                .collect(Collectors.toSet());
    }

    /** The packaged service ({@code dpiqa serve}) on this test's broker, with the tiny fixture student. */
    private Process startService(String name) throws IOException {
        Process process = PackagedApp.start(dir.resolve(name + ".log"), List.of(
                "kafka.bootstrap.servers=" + broker.bootstrapServers(),
                "dpiqa.api.auth.enabled=false",
                "dpiqa.pipeline.file-uris=true",
                "dpiqa.pipeline.cascade.enabled=false",
                // Small batches, so the kill lands between batches that are answered and not yet committed.
                "mp.messaging.connector.smallrye-kafka.max.poll.records=8"), "serve");
        processes.add(process);
        return process;
    }
}
