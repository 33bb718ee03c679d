package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpiqa.scoring.service.ModelRef;

/**
 * Data of a {@code model-updates} event: which version of a model every instance should serve from now on.
 * JSON Schema: {@code plugin-descriptors/schemas/model-updates.schema.json}.
 *
 * @param action  {@code promoted} (a re-distilled version passed the gate) or {@code rolled-back}, see
 *                 {@link dev.dpiqa.redistill.ModelAnnouncer}
 * @param model   the version to serve
 * @param replaces the version it replaces
 * @param sha256  of the new version's model file, so a consumer can tell a stale copy of the cache
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelUpdateEvent(String action, ModelRef model, ModelRef replaces,
                               String sha256) {
}
