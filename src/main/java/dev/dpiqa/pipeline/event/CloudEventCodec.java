package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes CloudEvents 1.0 in both modes of the Kafka protocol binding. Reading detects the mode per
 * record ({@code ce_specversion} header: binary; otherwise structured), so producers may use either.
 */
public final class CloudEventCodec {

    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final String CONTENT_TYPE = "content-type";
    private static final String PREFIX = "ce_";

    private final ObjectMapper json;

    public CloudEventCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The record's value and headers, to write with its key. */
    public record Encoded(byte[] value, Headers headers) {
    }

    public Encoded encode(CloudEvent event, EventMode mode) {
        try {
            if (mode == EventMode.BINARY) {
                RecordHeaders headers = new RecordHeaders();
                header(headers, PREFIX + "specversion", CloudEvent.SPEC_VERSION);
                header(headers, PREFIX + "id", event.id());
                header(headers, PREFIX + "source", event.source());
                header(headers, PREFIX + "type", event.type());
                event.time().ifPresent(t -> header(headers, PREFIX + "time", t.toString()));
                event.subject().ifPresent(s -> header(headers, PREFIX + "subject", s));
                header(headers, CONTENT_TYPE, CloudEvent.JSON);
                return new Encoded(json.writeValueAsBytes(event.data()), headers);
            }
            ObjectNode envelope = json.createObjectNode();
            envelope.put("specversion", CloudEvent.SPEC_VERSION);
            envelope.put("id", event.id());
            envelope.put("source", event.source());
            envelope.put("type", event.type());
            event.time().ifPresent(t -> envelope.put("time", t.toString()));
            event.subject().ifPresent(s -> envelope.put("subject", s));
            envelope.put("datacontenttype", CloudEvent.JSON);
            envelope.set("data", event.data());
            RecordHeaders headers = new RecordHeaders();
            header(headers, CONTENT_TYPE, STRUCTURED_CONTENT_TYPE);
            return new Encoded(json.writeValueAsBytes(envelope), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    public CloudEvent decode(byte[] value, Headers headers) throws MalformedEventException {
        if (headers.lastHeader(PREFIX + "specversion") != null) {
            return decodeBinary(value, headers);
        }
        return decodeStructured(value);
    }

    private CloudEvent decodeBinary(byte[] value, Headers headers) throws MalformedEventException {
        requireSpecVersion(text(headers, PREFIX + "specversion").orElse(""));
        Optional<String> contentType = text(headers, CONTENT_TYPE);
        if (contentType.isPresent() && !isJson(contentType.get())) {
            throw new MalformedEventException("binary-mode event data must be JSON, got content-type "
                    + contentType.get());
        }
        return new CloudEvent(
                required(text(headers, PREFIX + "id"), "header ce_id"),
                required(text(headers, PREFIX + "source"), "header ce_source"),
                required(text(headers, PREFIX + "type"), "header ce_type"),
                time(text(headers, PREFIX + "time")),
                text(headers, PREFIX + "subject"),
                parse(value, "event data"));
    }

    private CloudEvent decodeStructured(byte[] value) throws MalformedEventException {
        JsonNode envelope = parse(value, "structured event");
        if (!envelope.isObject()) {
            throw new MalformedEventException("a structured CloudEvent must be a JSON object");
        }
        requireSpecVersion(field(envelope, "specversion").orElseThrow(() -> new MalformedEventException(
                "not a CloudEvent: no specversion attribute and no ce_specversion header")));
        Optional<String> contentType = field(envelope, "datacontenttype");
        if (contentType.isPresent() && !isJson(contentType.get())) {
            throw new MalformedEventException("event data must be JSON, got datacontenttype " + contentType.get());
        }
        JsonNode data = envelope.get("data");
        if (data == null || data.isNull()) {
            throw new MalformedEventException("the event has no data");
        }
        return new CloudEvent(
                required(field(envelope, "id"), "attribute id"),
                required(field(envelope, "source"), "attribute source"),
                required(field(envelope, "type"), "attribute type"),
                time(field(envelope, "time")),
                field(envelope, "subject"),
                data);
    }

    private JsonNode parse(byte[] value, String what) throws MalformedEventException {
        if (value == null || value.length == 0) {
            throw new MalformedEventException(what + " is empty");
        }
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException(what + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void requireSpecVersion(String version) throws MalformedEventException {
        if (!CloudEvent.SPEC_VERSION.equals(version)) {
            throw new MalformedEventException("unsupported CloudEvents specversion '" + version + "', expected 1.0");
        }
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.equals(CloudEvent.JSON) || type.endsWith("+json");
    }

    private static String required(Optional<String> value, String what) throws MalformedEventException {
        if (value.isEmpty() || value.get().isBlank()) {
            throw new MalformedEventException("the event has no " + what);
        }
        return value.get();
    }

    private static Optional<Instant> time(Optional<String> text) throws MalformedEventException {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not an RFC 3339 timestamp: " + text.get(), e);
        }
    }

    private static Optional<String> field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
