package dev.dpiqa.cli;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The command line's own settings. */
@ConfigMapping(prefix = "dpiqa.cli")
public interface CliConfig {

    /** Whether {@code file:} URIs are accepted as inputs (plain paths always are: the user runs the command). */
    @WithDefault("true")
    boolean fileUris();

    /** Images read, decoded and scored at once; more lets the micro-batcher fill its batches. */
    @WithDefault("4")
    int parallelism();
}
