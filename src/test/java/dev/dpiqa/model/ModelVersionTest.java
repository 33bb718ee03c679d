package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelVersionTest {

    @Test
    void ordersBySemverPrecedence() {
        List<String> shuffled = List.of("1.10.0", "1.0.0", "1.0.0-rc.1", "1.9.3", "1.0.0-alpha", "1.0.0-alpha.2",
                "1.0.0-alpha.10", "1.0.0-alpha.beta", "0.9.0+build.7");

        List<String> sorted = shuffled.stream().map(ModelVersion::parse).sorted().map(ModelVersion::toString).toList();

        assertThat(sorted).containsExactly("0.9.0", "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10",
                "1.0.0-alpha.beta", "1.0.0-rc.1", "1.0.0", "1.9.3", "1.10.0");
    }

    @Test
    void ignoresBuildMetadata() {
        assertThat(ModelVersion.parse("2.1.0+sha.abc")).isEqualByComparingTo(ModelVersion.parse("2.1.0"));
    }

    @Test
    void rejectsWhatIsNotSemver() {
        Stream.of("1.0", "v1.0.0", "01.0.0", "1.0.0-", "", "latest").forEach(text ->
                assertThatThrownBy(() -> ModelVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("semantic version"));
    }
}
