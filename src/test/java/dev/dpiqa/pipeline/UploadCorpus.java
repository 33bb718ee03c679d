package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.image.CraftedFiles;
import dev.dpiqa.image.TestImages;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Upload events over generated images, and poison records each with the dead-letter reason it must get. */
public final class UploadCorpus {

    /** A record that must end in the dead-letter topic with {@code code}. */
    public record Poison(String key, byte[] value, String code) {
    }

    private final Path dir;

    public UploadCorpus(Path dir) {
        this.dir = dir;
    }

    /** A small generated image, different per seed: noise of varying strength over a varying base colour. */
    public static byte[] picture(int seed, String format) {
        BufferedImage noise = TestImages.noise(48 + seed % 5 * 8, 40 + seed % 3 * 8, seed);
        double mix = (seed % 11) / 10.0;
        int tint = Color.HSBtoRGB(seed * 0.137f % 1, 0.6f, (seed % 7 + 1) / 8f);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, blend(noise.getRGB(x, y), tint, mix));
            }
        }
        return TestImages.encode(noise, format);
    }

    private static int blend(int a, int b, double t) {
        int r = (int) (((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int g = (int) (((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) ((a & 255) * (1 - t) + (b & 255) * t);
        return (r << 16) | (g << 8) | bl;
    }

    public Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CloudEvent upload(String id, ObjectNode data) {
        return new CloudEvent(id, "/test-uploader", EventTypes.IMAGE_UPLOADED, Optional.of(Instant.now()),
                Optional.of(data.path("asset_id").asText()), data);
    }

    public static ObjectNode byUri(String assetId, Path file) {
        return KafkaTestClient.JSON.createObjectNode().put("asset_id", assetId).put("image_uri", file.toUri().toString());
    }

    public static ObjectNode inline(String assetId, byte[] bytes) {
        return KafkaTestClient.JSON.createObjectNode().put("asset_id", assetId)
                .put("image_data", Base64.getEncoder().encodeToString(bytes));
    }

    private static byte[] structured(CloudEvent event) {
        return new dev.dpiqa.pipeline.event.CloudEventCodec(KafkaTestClient.JSON)
                .encode(event, dev.dpiqa.pipeline.event.EventMode.STRUCTURED).value();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One of each kind of bad input, {@code copies} times, keyed {@code <prefix>-poison-<n>}; "oversized" needs
     * {@code dpiqa.pipeline.max-inline-bytes} below 100 000 (the test profiles set 64 KiB).
     */
    public List<Poison> poison(String prefix, int copies) {
        byte[] jpeg = picture(7, "jpg");
        Path truncated = write(prefix + "-truncated.jpg", TestImages.firstPart(jpeg, 0.3));
        Path text = write(prefix + "-notes.jpg", utf8("this is not an image, whatever its name says"));
        Path bomb = write(prefix + "-bomb.png", CraftedFiles.pngBomb());
        List<Poison> poison = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            String k = prefix + "-poison-" + c + "-";
            poison.add(new Poison(k + "json", utf8("{not json"), "MALFORMED_EVENT"));
            poison.add(new Poison(k + "plain", utf8("{\"asset_id\":\"x\"}"), "MALFORMED_EVENT"));
            poison.add(new Poison(k + "noasset", structured(upload(k + "noasset",
                    KafkaTestClient.JSON.createObjectNode().put("image_uri", "file:/x.jpg"))), "MALFORMED_EVENT"));
            poison.add(new Poison(k + "type", structured(new CloudEvent(k + "type", "/t", "com.example.other",
                    Optional.empty(), Optional.empty(), byUri("a", truncated))), "MALFORMED_EVENT"));
            poison.add(new Poison(k + "random", structured(upload(k + "random",
                    inline(k + "random", TestImages.randomBytes(3000, c)))), "IMAGE_UNSUPPORTED_TYPE"));
            poison.add(new Poison(k + "truncated", structured(upload(k + "truncated",
                    byUri(k + "truncated", truncated))), "IMAGE_CORRUPT"));
            poison.add(new Poison(k + "text", structured(upload(k + "text", byUri(k + "text", text))),
                    "IMAGE_UNSUPPORTED_TYPE"));
            poison.add(new Poison(k + "bomb", structured(upload(k + "bomb", byUri(k + "bomb", bomb))),
                    "IMAGE_TOO_MANY_PIXELS"));
            poison.add(new Poison(k + "missing", structured(upload(k + "missing",
                    byUri(k + "missing", dir.resolve("no-such-file.jpg")))), "FETCH_NOT_FOUND"));
            poison.add(new Poison(k + "metadata", structured(upload(k + "metadata",
                    KafkaTestClient.JSON.createObjectNode().put("asset_id", "m")
                            .put("image_uri", "http://169.254.169.254/latest/meta-data/"))), "FETCH_FORBIDDEN_ADDRESS"));
            poison.add(new Poison(k + "oversized", structured(upload(k + "oversized",
                    inline(k + "oversized", TestImages.randomBytes(100_000, c)))), "MALFORMED_EVENT"));
            poison.add(new Poison(k + "scheme", structured(upload(k + "scheme",
                    KafkaTestClient.JSON.createObjectNode().put("asset_id", "s")
                            .put("image_uri", "ftp://example.com/x.jpg"))), "FETCH_BAD_URI"));
        }
        return poison;
    }
}
