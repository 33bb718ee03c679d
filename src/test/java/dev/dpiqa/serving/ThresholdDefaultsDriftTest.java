package dev.dpiqa.serving;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict thresholds' and borderline band's defaults are written once, in {@link ScoringConfig}; the plugin
 * descriptor, the README's configuration table, the cascade benchmark and the Kubernetes ConfigMap (which sets them
 * so that students and teachers agree) repeat them and must follow.
 */
class ThresholdDefaultsDriftTest {

    private static final String PLUGIN = "plugin-descriptors/plugin.yaml";
    private static final String README = "README.md";
    private static final String BENCH = "bench/cascade.py";
    private static final String CONFIG_MAP = "k8s/base/configmap.yaml";
    private static final String README_THRESHOLDS =
            "\\| `dpiqa\\.scoring\\.reject-below` / `\\.accept-from` \\| `([0-9.]+)` / `([0-9.]+)` \\|";
    private static final String BENCH_THRESHOLDS = "THRESHOLDS = \\(([0-9.]+), ([0-9.]+)\\)";

    /** Where each default is repeated: file, the pattern that finds it, its group, and the config method. */
    static Stream<Arguments> repeatedDefaults() {
        return Stream.of(
                Arguments.of(PLUGIN, "dpiqa\\.scoring\\.reject-below: \\{[^}]*default: ([0-9.]+)", 1, "rejectBelow"),
                Arguments.of(PLUGIN, "dpiqa\\.scoring\\.accept-from: \\{[^}]*default: ([0-9.]+)", 1, "acceptFrom"),
                Arguments.of(PLUGIN, "dpiqa\\.scoring\\.cascade-band-mos: \\{[^}]*default: ([0-9.]+)", 1,
                        "cascadeBandMos"),
                Arguments.of(README, README_THRESHOLDS, 1, "rejectBelow"),
                Arguments.of(README, README_THRESHOLDS, 2, "acceptFrom"),
                Arguments.of(README, "\\| `dpiqa\\.scoring\\.cascade-band-mos` \\| `([0-9.]+)` \\|", 1,
                        "cascadeBandMos"),
                Arguments.of(BENCH, BENCH_THRESHOLDS, 1, "rejectBelow"),
                Arguments.of(BENCH, BENCH_THRESHOLDS, 2, "acceptFrom"),
                Arguments.of(CONFIG_MAP, "DPIQA_SCORING_REJECT_BELOW: \"([0-9.]+)\"", 1, "rejectBelow"),
                Arguments.of(CONFIG_MAP, "DPIQA_SCORING_ACCEPT_FROM: \"([0-9.]+)\"", 1, "acceptFrom"));
    }

    @ParameterizedTest(name = "{0} repeats the default of {3}")
    @MethodSource("repeatedDefaults")
    void isRepeatedAsWritten(String file, String regex, int group, String method) throws Exception {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertThat(matcher.find()).as("%s has /%s/", file, regex).isTrue();
        String declared = ScoringConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();

        assertThat(Double.parseDouble(matcher.group(group))).isEqualTo(Double.parseDouble(declared));
    }
}
