package dev.dpiqa;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * A config mapping as the service reads it under the test profile (application.properties and the mapping's
 * defaults), for unit tests of classes that take one, without starting Quarkus.
 */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    /** @param overrides properties set on top, as a test's profile would */
    public static <T> T of(Class<T> mapping, Map<String, String> overrides) {
        try {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(ConfigMappings.class.getResource("/application.properties"),
                            250))
                    .withSources(new PropertiesConfigSource(overrides, "test overrides", 400))
                    .withProfile("test")
                    .withConverter(Duration.class, 200, new DurationConverter()) // "10s", as Quarkus reads it
                    .withValidateUnknown(false)
                    .withMapping(mapping)
                    .build()
                    .getConfigMapping(mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
