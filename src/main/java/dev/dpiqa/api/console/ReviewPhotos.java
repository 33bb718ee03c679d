package dev.dpiqa.api.console;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.pipeline.FailureException;
import dev.dpiqa.pipeline.ImageSource;
import dev.dpiqa.review.PhotoRef;
import dev.dpiqa.review.ReviewConfig;
import dev.dpiqa.review.ReviewItem;
import dev.dpiqa.review.UploadIndex;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.serving.ModelUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The photos of queued items, served by the service itself: the browser never loads an upload's URI (which may
 * name any host, or a file), only what this service fetched through the pipeline's own SSRF guard and policy,
 * decoded under the intake limits and re-encoded. Renderings are cached within {@code dpiqa.console.photos.cache-mib}.
 */
@ApplicationScoped
public class ReviewPhotos {

    /** What the queue shows of an item. */
    public enum Rendering { THUMBNAIL, PHOTO, QUALITY_MAP }

    private static final long MIB = 1024 * 1024;

    private final UploadIndex uploads;
    private final ImageSource images;
    private final PhotoRendering rendering;
    private final RenderCache cache;

    public ReviewPhotos(UploadIndex uploads, ImageSource images, PhotoRendering rendering, ReviewConfig config) {
        this.uploads = uploads;
        this.images = images;
        this.rendering = rendering;
        this.cache = new RenderCache(config.photos().cacheMib() * MIB);
    }

    public byte[] render(ReviewItem item, Rendering kind) throws PhotoUnavailableException, ModelUnavailableException,
            ModeUnavailableException {
        String key = item.id() + "/" + kind;
        Optional<byte[]> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] bytes = fetch(item);
        byte[] rendered;
        try {
            DecodedImage image = rendering.decode(bytes);
            rendered = switch (kind) {
                case THUMBNAIL -> rendering.jpeg(image, PhotoRendering.THUMBNAIL_SIDE);
                case PHOTO -> rendering.jpeg(image, PhotoRendering.PHOTO_SIDE);
                case QUALITY_MAP -> rendering.mapPng(rendering.scoreWithMap(bytes), image);
            };
        } catch (ImageRejectedException e) {
            throw new PhotoUnavailableException(422, e.reason().name(), e.getMessage());
        }
        cache.put(key, rendered);
        return rendered;
    }

    private byte[] fetch(ReviewItem item) throws PhotoUnavailableException {
        PhotoRef ref = uploads.get(item.uploadKey()).orElseThrow(() -> new PhotoUnavailableException(404,
                "NOT_HELD", "the upload of " + item.assetId() + " is no longer remembered by this instance"));
        try {
            return ref.inline().isPresent() ? ref.inline().get() : images.fetch(ref.uri().orElseThrow(() ->
                    new PhotoUnavailableException(404, "NOT_HELD", "the inline image of " + item.assetId()
                            + " was dropped to stay within dpiqa.console.photos.inline-memory-mib")));
        } catch (FailureException e) {
            throw new PhotoUnavailableException(502, e.failure().code(), e.failure().reason());
        }
    }
}
