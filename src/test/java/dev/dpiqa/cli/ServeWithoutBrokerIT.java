package dev.dpiqa.cli;

import dev.dpiqa.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first {@code dpiqa serve} with no broker configured (the packaged app, as a new user starts it): the REST API
 * alone, ready, with one line saying the pipeline is off, not a stream of Kafka connection warnings and a
 * readiness probe that never passes.
 */
class ServeWithoutBrokerIT {

    private static final String KEY = "first-key";
    /** {@code printf %s first-key | sha256sum}, as the README has users configure their first key. */
    private static final String KEY_SHA256 = "9e24b55356ef2a121ab5fd1a3ee8a3c9191e837f3853e399a369e9044ff183f7";

    @TempDir
    Path dir;
    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void servesTheRestApiReadyAndQuietWithThePipelineOff() throws Exception {
        Path log = dir.resolve("serve.log");
        service = PackagedApp.start(log, List.of("dpiqa.api.auth.api-keys.first=" + KEY_SHA256), "serve");
        OptionalInt port = PackagedApp.port(log, Duration.ofSeconds(90));
        assertThat(port).as(Files.readString(log)).isPresent();

        HttpResponse<String> ready = untilReady("http://localhost:" + port.getAsInt() + "/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"pipeline\": \"disabled\"");
        assertThat(get("http://localhost:" + port.getAsInt() + "/v1/models", KEY).statusCode()).isEqualTo(200);
        // The API's description and its browser, in the prod profile too.
        assertThat(get("http://localhost:" + port.getAsInt() + "/q/openapi", null).body()).contains("/v1/score");
        assertThat(get("http://localhost:" + port.getAsInt() + "/q/swagger-ui/", null).statusCode()).isEqualTo(200);
        Thread.sleep(3000); // Kafka clients, had any started, would have warned by now (they do within a second)

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).filteredOn(l -> l.contains("REST API only")).hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(lines).noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .noneMatch(l -> l.contains("9092"));
    }

    private static HttpResponse<String> untilReady(String url) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = get(url, null);
            Thread.sleep(200);
        } while (response.statusCode() != 200 && System.nanoTime() < end);
        return response;
    }

    private static HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
