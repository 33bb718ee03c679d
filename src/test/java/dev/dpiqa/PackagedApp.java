package dev.dpiqa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application ({@code target/quarkus-app}) run as its own process, as {@code ./dpiqa} and the images
 * run it, with the tiny fixture student; for tests that must see a whole process (its log, its exit, a kill).
 */
public final class PackagedApp {

    private static final Pattern PORT = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private PackagedApp() {
    }

    /**
     * Starts {@code dpiqa ARGS} on a free HTTP port, its output in {@code log}; {@code properties} ("key=value")
     * come after the test's defaults, so they win. The test JVM's own Kafka, dpiqa and Quarkus environment
     * variables are not passed on: only what a test sets decides what the app does.
     */
    public static Process start(Path log, List<String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-Dquarkus.http.port=0",
                "-Ddpiqa.models.cache-dir=src/test/resources/model-cache", "-Ddpiqa.models.student.name=fixture_student"));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DPIQA_")
                || k.startsWith("QUARKUS_"));
        builder.environment().put("PYTORCH_FLAVOR", "cpu");
        builder.environment().put("DJL_CACHE_DIR", Path.of("target/djl-cache").toAbsolutePath().toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** The HTTP port the app logged, waiting for it up to {@code timeout}; empty if it never did. */
    public static OptionalInt port(Path log, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            Matcher port = PORT.matcher(Files.readString(log));
            if (port.find()) {
                return OptionalInt.of(Integer.parseInt(port.group(1)));
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return OptionalInt.empty();
    }
}
