package dev.dpiqa.pipeline.labels;

import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.pipeline.kafka.TopicTail;
import dev.dpiqa.review.PhotoRef;
import dev.dpiqa.review.ReviewItem;
import dev.dpiqa.review.ReviewQueue;
import dev.dpiqa.review.UploadIndex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the reviewer console's queue from the pipeline's topics, as any instance sees them: every quality event
 * (whichever instance scored the upload) is offered to the {@link ReviewQueue}, and every upload's image reference
 * is remembered in the {@link UploadIndex}, so the console can show the photo a quality event does not carry.
 * Started by the first look at the queue, so instances nobody reviews on never read the topics for it.
 */
public final class ReviewFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReviewFeed.class);

    private final TopicTail tail;
    private final PipelineConfig config;
    private final CloudEventCodec codec;
    private final QualityEvents events;
    private final ReviewQueue queue;
    private final UploadIndex uploads;

    public ReviewFeed(Map<String, Object> kafka, Duration window, PipelineConfig config, CloudEventCodec codec,
                      QualityEvents events, ReviewQueue queue, UploadIndex uploads) {
        this.config = config;
        this.codec = codec;
        this.events = events;
        this.queue = queue;
        this.uploads = uploads;
        this.tail = new TopicTail(kafka, "dpiqa-review-feed",
                List.of(config.topics().uploads(), config.topics().quality()), window, this::read);
    }

    /** Whether there is a pipeline to follow on this instance. */
    public boolean available() {
        return config.enabled();
    }

    /** Starts following, once; nothing where the pipeline is off. */
    public void start() {
        if (available()) {
            tail.start();
        }
    }

    /** Whether the queue holds everything the window had when it started. */
    public boolean caughtUp() {
        return tail.caughtUp().isDone() && !tail.caughtUp().isCompletedExceptionally();
    }

    /** Why the feed stopped (a topic missing, the broker refusing this client), if it did: the queue is frozen. */
    public Optional<String> failure() {
        return tail.failure().map(String::valueOf);
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            CloudEvent event = codec.decode(record.value(), record.headers());
            if (record.topic().equals(config.topics().quality()) && EventTypes.IMAGE_QUALITY.equals(event.type())) {
                offer(event, record);
            } else if (EventTypes.IMAGE_UPLOADED.equals(event.type())) {
                UploadEvent upload = UploadEvent.from(event.data(), config.maxInlineBytes());
                uploads.put(SourceEvent.of(event).key(), new PhotoRef(upload.assetId(), upload.imageUri(),
                        upload.imageData()));
            }
        } catch (MalformedEventException | IllegalArgumentException e) {
            // poison uploads are the dead-letter topic's business; nothing to review
            LOG.debugf("review feed skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e);
        }
    }

    private void offer(CloudEvent event, ConsumerRecord<byte[], byte[]> record) {
        QualityEvent quality = events.read(event.data());
        String uploadKey = SourceEvent.readFrom(record.headers()).map(SourceEvent::key).orElse("");
        ReviewItem item = new ReviewItem(event.id(), quality.assetId(), uploadKey,
                event.time().orElse(Instant.ofEpochMilli(record.timestamp())), quality.quality().mos(),
                quality.quality().studentMos(), quality.quality().verdict(), quality.quality().stage(),
                quality.quality().model().name(), quality.quality().model().version(),
                quality.quality().latencyMs().getOrDefault("total", 0.0));
        if (!queue.offer(item)) {
            uploads.release(uploadKey);
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
