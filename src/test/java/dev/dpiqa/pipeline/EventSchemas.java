package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schemas of plugin-descriptors/schemas, checked against real events and responses. */
public final class EventSchemas {

    private static final String BASE = "https://dpiqa.dev/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE,
                    Path.of("plugin-descriptors/schemas").toAbsolutePath().toUri().toString())));

    private EventSchemas() {
    }

    /** @param name e.g. {@code image-quality} */
    public static void assertValid(String name, JsonNode node) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + name + ".schema.json"));
        Set<ValidationMessage> problems = schema.validate(node);
        assertThat(problems).as("%s against %s", node, name).isEmpty();
    }
}
