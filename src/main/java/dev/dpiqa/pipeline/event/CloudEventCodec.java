package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes CloudEvents in both modes of the Kafka protocol binding, through the CloudEvents SDK. Reading
 * detects the mode per record: a {@code ce_specversion} header means binary, anything else is read as a structured
 * JSON event (with or without its {@code content-type} header), so producers may use either.
 */
public final class CloudEventCodec {

    private static final String JSON_TYPE = "application/json";
    private static final String BINARY_MARKER = "ce_specversion";

    private final ObjectMapper json;
    private final JsonFormat format = new JsonFormat();
    private final Map<EventMode, CloudEventSerializer> serializers = Map.of(
            EventMode.BINARY, serializer(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY)),
            EventMode.STRUCTURED, serializer(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                    CloudEventSerializer.EVENT_FORMAT_CONFIG, format)));

    public CloudEventCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The record's value and headers, to write with its key. */
    public record Encoded(byte[] value, Headers headers) {
    }

    public Encoded encode(CloudEvent event, EventMode mode) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withType(event.type())
                .withData(JSON_TYPE, JsonCloudEventData.wrap(event.data()));
        event.time().ifPresent(t -> builder.withTime(t.atOffset(ZoneOffset.UTC)));
        event.subject().ifPresent(builder::withSubject);
        event.extensions().forEach(builder::withExtension);
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializers.get(mode).serialize(null, headers, builder.build());
        return new Encoded(value, headers);
    }

    public CloudEvent decode(byte[] value, Headers headers) throws MalformedEventException {
        if (value == null || value.length == 0) {
            throw new MalformedEventException("the record is empty");
        }
        io.cloudevents.CloudEvent event;
        try {
            event = headers.lastHeader(BINARY_MARKER) != null
                    ? KafkaMessageFactory.createReader(headers, value).toEvent()
                    : format.deserialize(value);
        } catch (CloudEventRWException | EventDeserializationException | IllegalStateException e) {
            throw new MalformedEventException("not a readable CloudEvent: " + rootMessage(e), e);
        }
        return new CloudEvent(event.getId(), event.getSource().toString(), event.getType(),
                Optional.ofNullable(event.getTime()).map(t -> t.toInstant()), Optional.ofNullable(event.getSubject()),
                data(event), extensions(event));
    }

    private JsonNode data(io.cloudevents.CloudEvent event) throws MalformedEventException {
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new MalformedEventException("event data must be JSON, got datacontenttype " + contentType);
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new MalformedEventException("the event has no data");
        }
        if (data instanceof JsonCloudEventData node) {
            return node.getNode();
        }
        try {
            return json.readTree(data.toBytes());
        } catch (IOException e) {
            throw new MalformedEventException("event data is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Every extension attribute, in the canonical string form of its type (binary values in base64). */
    private static Map<String, String> extensions(io.cloudevents.CloudEvent event) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            extensions.put(name, value instanceof byte[] bytes
                    ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value));
        }
        return extensions;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.equals(JSON_TYPE) || type.endsWith("+json");
    }

    /** The SDK wraps the reason (a missing attribute, a bad time, bad JSON) in a generic exception or two. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof JsonProcessingException jackson ? jackson.getOriginalMessage() : cause.getMessage();
    }

    private static CloudEventSerializer serializer(Map<String, Object> config) {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(config, false);
        return serializer;
    }
}
