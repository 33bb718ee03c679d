package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Data of a {@code thumbnail-requests} event: candidate frames or crops of one asset, each by URI or inline.
 *
 * @param candidates in the producer's order; ids unique
 */
public record ThumbnailRequest(String assetId, List<Candidate> candidates, Optional<String> tenant,
                               Map<String, String> callback) {

    /** Upper bound per request: one inference batch per few candidates, and a bounded event. */
    public static final int MAX_CANDIDATES = 64;

    /** @param image the candidate as an upload (URI or inline bytes) so it is fetched like one */
    public record Candidate(String id, UploadEvent image) {
    }

    public static ThumbnailRequest from(JsonNode data, int maxInlineBytes) throws MalformedEventException {
        EventFields.requireObject(data);
        String assetId = EventFields.requiredText(data, "asset_id");
        JsonNode list = data.get("candidates");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new MalformedEventException("data.candidates must be a non-empty array");
        }
        if (list.size() > MAX_CANDIDATES) {
            throw new MalformedEventException("data.candidates has " + list.size() + " entries, at most "
                    + MAX_CANDIDATES + " are scored per request");
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new MalformedEventException("data.candidates[" + i + "] must be an object");
            }
            String id = EventFields.optionalText(entry, "id").orElse(Integer.toString(i));
            if (!ids.add(id)) {
                throw new MalformedEventException("data.candidates[" + i + "].id '" + id + "' is not unique");
            }
            // Each candidate reads like an upload of the same asset: one validation for URIs and inline bytes.
            com.fasterxml.jackson.databind.node.ObjectNode asUpload = entry.deepCopy();
            asUpload.put("asset_id", assetId);
            try {
                candidates.add(new Candidate(id, UploadEvent.from(asUpload, maxInlineBytes)));
            } catch (MalformedEventException e) {
                throw new MalformedEventException("data.candidates[" + i + "]: " + e.getMessage());
            }
        }
        return new ThumbnailRequest(assetId, List.copyOf(candidates), EventFields.optionalText(data, "tenant"),
                EventFields.stringMap(data, "callback"));
    }
}
