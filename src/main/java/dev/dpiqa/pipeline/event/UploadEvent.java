package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Data of an {@code image-uploads} event: where the image is (a claim-check URI or small inline bytes) and what to
 * echo back. Exactly one of {@code imageUri} and {@code imageData} is present.
 *
 * @param callback opaque strings the producer wants back on the quality event (e.g. a DAM record id)
 */
public record UploadEvent(String assetId, Optional<String> imageUri, Optional<byte[]> imageData,
                          Optional<String> contentType, Optional<String> tenant, Map<String, String> callback) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * @param maxInlineBytes inline images above this are refused: large images belong behind a URI, not in a record
     */
    public static UploadEvent from(JsonNode data, int maxInlineBytes) throws MalformedEventException {
        EventFields.requireObject(data);
        String assetId = EventFields.requiredText(data, "asset_id");
        Optional<String> uri = EventFields.optionalText(data, "image_uri");
        Optional<String> inline = EventFields.optionalText(data, "image_data");
        if (uri.isPresent() == inline.isPresent()) {
            throw new MalformedEventException("data needs exactly one of image_uri and image_data (base64)");
        }
        Optional<byte[]> bytes = Optional.empty();
        if (inline.isPresent()) {
            // base64 is 4/3 of the bytes: refuse before decoding what would exceed the limit anyway
            if ((long) inline.get().length() * 3 / 4 > maxInlineBytes) {
                throw new MalformedEventException("data.image_data is larger than the inline limit of "
                        + maxInlineBytes + " bytes; send a URI instead");
            }
            try {
                // Not the MIME decoder: it skips characters outside the alphabet instead of refusing them.
                bytes = Optional.of(Base64.getDecoder().decode(WHITESPACE.matcher(inline.get()).replaceAll("")));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("data.image_data is not base64: " + e.getMessage(), e);
            }
        }
        return new UploadEvent(assetId, uri, bytes, EventFields.optionalText(data, "content_type"),
                EventFields.optionalText(data, "tenant"), EventFields.stringMap(data, "callback"));
    }

    /** For logs and reasons: the URI, or the size of the inline image. */
    public String describeImage() {
        return imageUri.orElseGet(() -> "inline image of " + imageData.map(b -> b.length).orElse(0) + " bytes");
    }
}
