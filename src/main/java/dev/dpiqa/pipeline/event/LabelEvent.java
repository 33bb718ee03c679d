package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.redistill.LabelledImage;

/**
 * Data of an {@code image-labels} event: a human quality label for one image, as a MOS (0–100) or as a rating on
 * the labeller's own scale, which is mapped linearly onto 0–100. JSON Schema:
 * {@code plugin-descriptors/schemas/image-labels.schema.json}.
 */
public final class LabelEvent {

    private LabelEvent() {
    }

    public static LabelledImage from(JsonNode data) throws MalformedEventException {
        EventFields.requireObject(data);
        String assetId = EventFields.requiredText(data, "asset_id");
        String imageUri = EventFields.requiredText(data, "image_uri");
        boolean hasMos = data.hasNonNull("mos");
        if (hasMos == data.hasNonNull("rating")) {
            throw new MalformedEventException("data needs exactly one of mos (0-100) and rating (with scale)");
        }
        double mos = hasMos ? inRange(number(data, "mos"), 0, 100, "data.mos") : fromRating(data);
        JsonNode raters = data.get("raters");
        if (raters == null || !raters.canConvertToInt() || !raters.isIntegralNumber() || raters.asInt() < 1) {
            throw new MalformedEventException("data.raters must be a whole number of raters, at least 1");
        }
        String source = EventFields.optionalText(data, "source").orElse("unknown");
        return new LabelledImage(assetId, imageUri, mos, raters.asInt(), source);
    }

    /** The data of a label as a MOS, what {@link #from} reads back as the same label. */
    public static ObjectNode data(LabelledImage label, ObjectMapper json) {
        return json.createObjectNode().put("asset_id", label.assetId()).put("image_uri", label.imageUri())
                .put("mos", label.mos()).put("raters", label.raters()).put("source", label.source());
    }

    private static double fromRating(JsonNode data) throws MalformedEventException {
        JsonNode scale = data.get("scale");
        if (scale == null || !scale.isObject()) {
            throw new MalformedEventException("data.scale {min, max} is required with a rating");
        }
        double min = number(scale, "min");
        double max = number(scale, "max");
        if (!(max > min)) {
            throw new MalformedEventException("data.scale.max must be above data.scale.min, got " + min + ".." + max);
        }
        double rating = inRange(number(data, "rating"), min, max, "data.rating");
        return 100 * (rating - min) / (max - min);
    }

    private static double number(JsonNode node, String name) throws MalformedEventException {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new MalformedEventException(name + " must be a finite number");
        }
        return value.asDouble();
    }

    private static double inRange(double value, double min, double max, String what) throws MalformedEventException {
        if (value < min || value > max) {
            throw new MalformedEventException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }
}
