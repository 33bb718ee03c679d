package dev.dpiqa.pipeline.labels;

import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.LabelEvent;
import dev.dpiqa.pipeline.event.MalformedEventException;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.TopicSnapshot;
import dev.dpiqa.redistill.DistillInputs;
import dev.dpiqa.redistill.LabelStore;
import dev.dpiqa.redistill.LabelledImage;
import dev.dpiqa.redistill.UnlabelledImage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The labels topic is the label store: compacted with the asset id as key, so it keeps the latest label of every
 * asset for as long as the topic lives, shared by every instance and the CronJob without a volume. A run reads it
 * from the beginning (the latest record per key wins, a tombstone deletes) plus the last {@code window} of uploads
 * for the unlabelled sample. Invalid labels were dead-lettered at intake ({@link LabelIntake}); here they are only
 * counted.
 */
public final class KafkaLabelStore implements LabelStore {

    private final TopicSnapshot snapshot;
    private final CloudEventCodec codec;
    private final PipelineConfig config;

    public KafkaLabelStore(TopicSnapshot snapshot, CloudEventCodec codec, PipelineConfig config) {
        this.snapshot = snapshot;
        this.codec = codec;
        this.config = config;
    }

    @Override
    public DistillInputs read(int maxUnlabelled, Duration window) {
        if (!config.enabled()) {
            throw new IllegalStateException("the Kafka pipeline is disabled (dpiqa.pipeline.enabled=false): no labels"
                    + " topic to read; pass a labels CSV instead");
        }
        Map<String, LabelledImage> labels = new LinkedHashMap<>();
        AtomicInteger invalid = new AtomicInteger();
        Map<TopicPartition, Long> end = snapshot.read(config.topics().labels(), 0, record -> {
            Optional<LabelledImage> label = label(record);
            String key = record.key() != null ? record.key() : label.map(LabelledImage::assetId).orElse(null);
            if (key == null) {
                invalid.incrementAndGet();
                return;
            }
            labels.remove(key); // re-inserted last: the order is the order of the latest labels
            if (record.value() != null) {
                label.ifPresentOrElse(l -> labels.put(key, l), invalid::incrementAndGet);
            }
        });
        Map<String, UnlabelledImage> uploads = maxUnlabelled == 0 ? Map.of() : recentUploads(maxUnlabelled, window,
                labels);
        String description = String.format("%s: %d labels (%d invalid records skipped) up to offsets %s; %s: %d"
                        + " unlabelled uploads of the last %s", config.topics().labels(), labels.size(), invalid.get(),
                offsets(end), config.topics().uploads(), uploads.size(), window);
        return new DistillInputs(new ArrayList<>(labels.values()), new ArrayList<>(uploads.values()), description);
    }

    /** The newest uploads by URI of assets without a label, one per asset. */
    private Map<String, UnlabelledImage> recentUploads(int max, Duration window, Map<String, LabelledImage> labelled) {
        Map<String, UnlabelledImage> newest = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UnlabelledImage> eldest) {
                return size() > max;
            }
        };
        snapshot.read(config.topics().uploads(), System.currentTimeMillis() - window.toMillis(), record -> {
            try {
                CloudEvent event = codec.decode(record.value(), record.headers());
                if (EventTypes.IMAGE_UPLOADED.equals(event.type())) {
                    UploadEvent upload = UploadEvent.from(event.data(), config.maxInlineBytes());
                    if (upload.imageUri().isPresent() && !labelled.containsKey(upload.assetId())) {
                        newest.remove(upload.assetId());
                        newest.put(upload.assetId(), new UnlabelledImage(upload.assetId(), upload.imageUri().get()));
                    }
                }
            } catch (MalformedEventException e) {
                // poison uploads were dead-lettered by the students; they are no training data
            }
        });
        return newest;
    }

    private Optional<LabelledImage> label(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            CloudEvent event = codec.decode(record.value(), record.headers());
            return EventTypes.IMAGE_LABELLED.equals(event.type()) ? Optional.of(LabelEvent.from(event.data()))
                    : Optional.empty();
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    private static String offsets(Map<TopicPartition, Long> end) {
        StringBuilder text = new StringBuilder("{");
        end.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(
                TopicPartition::partition))).forEach(e -> text.append(text.length() > 1 ? ", " : "")
                .append(e.getKey().partition()).append(": ").append(e.getValue()));
        return text.append('}').toString();
    }
}
