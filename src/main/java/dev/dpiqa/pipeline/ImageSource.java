package dev.dpiqa.pipeline;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.pipeline.event.UploadEvent;

/** The bytes of an upload's image: inline, or fetched through the SSRF-guarded fetcher by its claim-check URI. */
public final class ImageSource {

    private final SafeImageFetcher fetcher;

    public ImageSource(SafeImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** @throws FailureException with {@code FETCH_<reason>}, retryable when the fetch failure is transient */
    public byte[] bytesOf(UploadEvent upload) throws FailureException {
        if (upload.imageData().isPresent()) {
            return upload.imageData().get();
        }
        return fetch(upload.imageUri().orElseThrow());
    }

    public byte[] fetch(String uri) throws FailureException {
        try {
            return fetcher.fetch(uri).bytes();
        } catch (FetchException e) {
            throw new FailureException(new Failure("FETCH_" + e.reason().name(), e.getMessage(), e.isTransient()));
        }
    }
}
