package dev.dpiqa.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on untrusted image bytes, checked before any pixel is decoded. */
@ConfigMapping(prefix = "dpiqa.image")
public interface ImageConfig {

    /** Largest encoded image accepted, in bytes. */
    @WithDefault("26214400")
    long maxBytes();

    /** Largest width × height an image header may declare (decompression-bomb guard). */
    @WithDefault("50000000")
    long maxPixels();
}
