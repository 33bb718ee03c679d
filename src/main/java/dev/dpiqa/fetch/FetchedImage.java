package dev.dpiqa.fetch;

import java.net.URI;

/**
 * The bytes behind an image URI.
 *
 * @param bytes        the body, never more than the policy's byte limit
 * @param contentType  the declared {@code Content-Type}, or null; informative only, the bytes decide the type
 * @param source       where the bytes came from after redirects
 */
public record FetchedImage(byte[] bytes, String contentType, URI source) {
}
