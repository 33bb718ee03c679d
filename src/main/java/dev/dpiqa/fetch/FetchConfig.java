package dev.dpiqa.fetch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits for fetching images by URI (REST {@code {"url": ...}}, CLI arguments, pipeline claim checks). */
@ConfigMapping(prefix = "dpiqa.fetch")
public interface FetchConfig {

    /** Time allowed for one TCP connect. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Time allowed for the whole fetch: every redirect hop, the headers and the body. */
    @WithDefault("15s")
    Duration totalTimeout();

    /** Largest image body accepted, in bytes; larger ones are refused from Content-Length or cut off while streaming. */
    @WithDefault("20971520")
    long maxBytes();

    /** Redirect hops followed; every hop's address is checked again. */
    @WithDefault("3")
    int maxRedirects();

    /** CIDR blocks exempt from the SSRF guard, e.g. {@code 127.0.0.1/32} for a local demo; none by default. */
    Optional<List<String>> allowedNetworks();

    /** When set, {@code file:} URIs (where a surface enables them) must lie under one of these directories. */
    Optional<List<Path>> fileRoots();

    /** The policy these keys describe, with {@code file:} URIs disabled; surfaces opt in with {@link FetchPolicy#withFileUris}. */
    default FetchPolicy policy() {
        return new FetchPolicy(connectTimeout(), totalTimeout(), maxBytes(), maxRedirects(),
                allowedNetworks().orElse(List.of()).stream().map(IpNetwork::parse).toList(),
                false, fileRoots().orElse(List.of()));
    }
}
