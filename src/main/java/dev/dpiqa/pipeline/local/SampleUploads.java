package dev.dpiqa.pipeline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo's upload events: the bundled sample photos (LIVE In the Wild, see samples/photos/README.md) by file
 * URI, one of them inline, and two that must end in the dead-letter topic (bytes that are no image, a missing
 * file), so a first run shows every path.
 */
public final class SampleUploads {

    private static final String RESOURCE_DIR = "samples/photos/";

    private SampleUploads() {
    }

    /** Copies the bundled photos (listed in their mos.csv) into {@code dir}; returns their labels by file name. */
    public static Map<String, Double> extractBundled(Path dir) {
        Map<String, Double> labels = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (String line : resource("mos.csv").lines().skip(1).toList()) {
                String[] fields = line.split(",");
                try (InputStream in = SampleUploads.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + fields[0])) {
                    if (in == null) {
                        throw new IllegalStateException("bundled sample " + fields[0] + " is missing from the build");
                    }
                    Files.copy(in, dir.resolve(fields[0]));
                }
                labels.put(fields[0], Double.parseDouble(fields[1]));
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample photos to " + dir, e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SampleUploads.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + RESOURCE_DIR + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One upload per photo in {@code photos} (the first inline), then the two poison uploads. */
    public static List<CloudEvent> events(List<Path> photos, ObjectMapper json) {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            Path photo = photos.get(i);
            ObjectNode data = json.createObjectNode().put("asset_id", photo.getFileName().toString());
            if (i == 0 && size(photo) < 1_000_000) {
                data.put("image_data", Base64.getEncoder().encodeToString(read(photo)));
            } else {
                data.put("image_uri", photo.toUri().toString());
            }
            events.add(upload(data));
        }
        events.add(upload(json.createObjectNode().put("asset_id", "not-an-image.jpg").put("image_data",
                Base64.getEncoder().encodeToString("plain text, not a JPEG".getBytes(StandardCharsets.UTF_8)))));
        Path missing = photos.isEmpty() ? Path.of("missing.jpg") : photos.get(0).resolveSibling("missing.jpg");
        events.add(upload(json.createObjectNode().put("asset_id", "missing.jpg")
                .put("image_uri", missing.toAbsolutePath().toUri().toString())));
        return events;
    }

    private static CloudEvent upload(ObjectNode data) {
        return new CloudEvent(UUID.randomUUID().toString(), "/dpiqa/demo", EventTypes.IMAGE_UPLOADED,
                Optional.of(Instant.now()), Optional.of(data.path("asset_id").asText()), data);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
