package dev.dpiqa.review;

import java.util.Optional;

/**
 * Where an upload's image is: its claim-check URI, or the bytes it was sent inline with while they are held.
 * A label can only point at a URI: an inline upload cannot become one.
 */
public record PhotoRef(String assetId, Optional<String> uri, Optional<byte[]> inline) {

    public PhotoRef withoutInline() {
        return new PhotoRef(assetId, uri, Optional.empty());
    }

    int inlineBytes() {
        return inline.map(bytes -> bytes.length).orElse(0);
    }
}
