package dev.dpiqa.pipeline.event;

/** CloudEvents {@code type} values, reverse-DNS as the spec recommends, and the {@code source} we write. */
public final class EventTypes {

    public static final String IMAGE_UPLOADED = "dev.dpiqa.image.uploaded";
    public static final String IMAGE_QUALITY = "dev.dpiqa.image.quality";
    public static final String QUALITY_BORDERLINE = "dev.dpiqa.image.quality.borderline";
    public static final String THUMBNAIL_REQUESTED = "dev.dpiqa.thumbnail.requested";
    public static final String THUMBNAIL_SELECTED = "dev.dpiqa.thumbnail.selected";
    public static final String IMAGE_LABELLED = "dev.dpiqa.image.labelled";
    public static final String MODEL_UPDATED = "dev.dpiqa.model.updated";
    public static final String SOURCE = "/dpiqa";

    private EventTypes() {
    }

    /** @throws MalformedEventException when {@code event} is not of type {@code expected} */
    public static void require(CloudEvent event, String expected) throws MalformedEventException {
        if (!expected.equals(event.type())) {
            throw new MalformedEventException("unexpected event type '" + event.type() + "', expected " + expected);
        }
    }
}
