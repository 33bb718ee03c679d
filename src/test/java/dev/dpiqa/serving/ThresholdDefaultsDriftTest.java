package dev.dpiqa.serving;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict thresholds' and borderline band's defaults are written once, in {@link ScoringConfig}; the plugin
 * descriptor, the README's configuration table and the cascade benchmark repeat them for readers and must follow.
 */
class ThresholdDefaultsDriftTest {

    private static double defaultOf(String method) throws NoSuchMethodException {
        return Double.parseDouble(ScoringConfig.class.getMethod(method).getAnnotation(WithDefault.class).value());
    }

    /** The number in {@code group} of the first match of {@code regex} in {@code file}. */
    private static double found(Path file, String regex, int group) throws Exception {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
        assertThat(matcher.find()).as("%s has /%s/", file, regex).isTrue();
        return Double.parseDouble(matcher.group(group));
    }

    @Test
    void pluginDescriptorDeclaresTheDefaults() throws Exception {
        Path plugin = Path.of("plugin-descriptors/plugin.yaml");
        assertThat(found(plugin, "dpiqa\\.scoring\\.reject-below: \\{[^}]*default: ([0-9.]+)", 1))
                .isEqualTo(defaultOf("rejectBelow"));
        assertThat(found(plugin, "dpiqa\\.scoring\\.accept-from: \\{[^}]*default: ([0-9.]+)", 1))
                .isEqualTo(defaultOf("acceptFrom"));
        assertThat(found(plugin, "dpiqa\\.scoring\\.cascade-band-mos: \\{[^}]*default: ([0-9.]+)", 1))
                .isEqualTo(defaultOf("cascadeBandMos"));
    }

    @Test
    void readmeConfigurationTableStatesTheDefaults() throws Exception {
        Path readme = Path.of("README.md");
        String thresholds = "\\| `dpiqa\\.scoring\\.reject-below` / `\\.accept-from` \\| `([0-9.]+)` / `([0-9.]+)` \\|";
        assertThat(found(readme, thresholds, 1)).isEqualTo(defaultOf("rejectBelow"));
        assertThat(found(readme, thresholds, 2)).isEqualTo(defaultOf("acceptFrom"));
        assertThat(found(readme, "\\| `dpiqa\\.scoring\\.cascade-band-mos` \\| `([0-9.]+)` \\|", 1))
                .isEqualTo(defaultOf("cascadeBandMos"));
    }

    @Test
    void cascadeBenchmarkSweepsAroundTheDefaultThresholds() throws Exception {
        Path bench = Path.of("bench/cascade.py");
        String thresholds = "THRESHOLDS = \\(([0-9.]+), ([0-9.]+)\\)";
        assertThat(found(bench, thresholds, 1)).isEqualTo(defaultOf("rejectBelow"));
        assertThat(found(bench, thresholds, 2)).isEqualTo(defaultOf("acceptFrom"));
    }
}
