package dev.dpiqa.fetch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Limits for one fetcher.
 *
 * @param connectTimeout   per TCP connect
 * @param totalTimeout     for the whole fetch, redirects and body included
 * @param maxBytes         largest body accepted
 * @param maxRedirects     redirect hops followed before giving up
 * @param allowedNetworks  networks exempt from the address guard (tests, local demos)
 * @param fileUris         whether {@code file:} URIs are served at all
 * @param fileRoots        when non-empty, {@code file:} URIs must lie under one of these directories
 */
public record FetchPolicy(Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects,
                          List<IpNetwork> allowedNetworks, boolean fileUris, List<Path> fileRoots) {

    public FetchPolicy {
        allowedNetworks = List.copyOf(allowedNetworks);
        fileRoots = List.copyOf(fileRoots);
    }

    public FetchPolicy withFileUris(boolean enabled) {
        return new FetchPolicy(connectTimeout, totalTimeout, maxBytes, maxRedirects, allowedNetworks, enabled, fileRoots);
    }
}
