package dev.dpiqa.scoring.service;

import dev.dpiqa.model.ModelId;

/** Name and version of a model in the model cache, as every surface writes it: {@code {"name", "version"}}. */
public record ModelRef(String name, String version) {

    public static ModelRef of(ModelId model) {
        return new ModelRef(model.name(), model.version());
    }
}
