package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Typed reads of event data fields that name the field and the problem when they fail. */
final class EventFields {

    private EventFields() {
    }

    static String requiredText(JsonNode data, String name) throws MalformedEventException {
        return optionalText(data, name).orElseThrow(() -> new MalformedEventException("data." + name + " is required"));
    }

    static Optional<String> optionalText(JsonNode data, String name) throws MalformedEventException {
        JsonNode value = data.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("data." + name + " must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    /** A flat object of strings (callback metadata echoed back to the producer), empty when absent. */
    static Map<String, String> stringMap(JsonNode data, String name) throws MalformedEventException {
        JsonNode value = data.get(name);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new MalformedEventException("data." + name + " must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var it = value.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new MalformedEventException("data." + name + "." + entry.getKey() + " must be a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return Map.copyOf(map);
    }

    static void requireObject(JsonNode data) throws MalformedEventException {
        if (!data.isObject()) {
            throw new MalformedEventException("event data must be a JSON object");
        }
    }
}
