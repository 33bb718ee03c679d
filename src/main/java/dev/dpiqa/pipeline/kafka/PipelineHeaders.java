package dev.dpiqa.pipeline.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Kafka headers the pipeline writes beside the CloudEvents ones, and typed reads of them. */
public final class PipelineHeaders {

    /**
     * On every record we write: the id and the source of the event it answers (dedup reads only these, never the
     * value; {@link SourceEvent}).
     */
    public static final String SOURCE_EVENT_ID = "dpiqa-source-event-id";
    public static final String SOURCE_EVENT_SOURCE = "dpiqa-source-event-source";
    /** On retry records: 1 for the first retry. */
    public static final String RETRY_ATTEMPT = "dpiqa-retry-attempt";
    /** On retry records: epoch milliseconds before which the retry must not run. */
    public static final String RETRY_NOT_BEFORE = "dpiqa-retry-not-before";
    /** On dead-letter and retry records: a stable reason code, e.g. {@code IMAGE_CORRUPT}, {@code FETCH_TIMEOUT}. */
    public static final String REASON_CODE = "dpiqa-reason-code";
    /** On dead-letter and retry records: the reason in words. */
    public static final String REASON = "dpiqa-reason";
    /** On dead-letter records: where the original record was. */
    public static final String ORIGINAL_TOPIC = "dpiqa-original-topic";
    public static final String ORIGINAL_PARTITION = "dpiqa-original-partition";
    public static final String ORIGINAL_OFFSET = "dpiqa-original-offset";

    private PipelineHeaders() {
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static long number(Headers headers, String name, long fallback) {
        try {
            return text(headers, name).map(String::strip).map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Replaces any header of that name. */
    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(new RecordHeader(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
    }
}
