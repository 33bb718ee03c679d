package dev.dpiqa.pipeline.event;

/** The two CloudEvents Kafka protocol binding modes. */
public enum EventMode {
    /** The whole event, attributes and data, as one JSON value ({@code application/cloudevents+json}). */
    STRUCTURED,
    /** Attributes in {@code ce_*} headers, the value is the data alone. */
    BINARY
}
