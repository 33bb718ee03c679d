package dev.dpiqa.pipeline.modelupdates;

import dev.dpiqa.ConfigMappings;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.StudentSwap;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.ModelUpdateEvent;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.RecordingPublisher;
import dev.dpiqa.scoring.service.ModelRef;
import dev.dpiqa.serving.ModelsConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The test profile serves fixture_student from src/test/resources/model-cache (versions 1.0.0 and 1.1.0). */
class ModelUpdateConsumerTest {

    private final CloudEventCodec codec = new CloudEventCodec(RecordingPublisher.JSON);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> swappedTo = new ArrayList<>();
    private String serving = "fixture_student/1.0.0";

    /** Serves what it is given, as the engine would, and says what it replaced. */
    private final StudentSwap swap = next -> {
        if (next.id().toString().equals(serving)) {
            return Optional.empty();
        }
        swappedTo.add(next.id().toString());
        serving = next.id().toString();
        return Optional.of(next.manifest()); // stands in for the replaced version's: only its presence is read
    };

    private ModelUpdateConsumer consumer(Map<String, String> config) {
        ModelsConfig models = ConfigMappings.of(ModelsConfig.class, config);
        return new ModelUpdateConsumer(codec, RecordingPublisher.JSON, swap, new ModelRegistry(models.cacheDir()),
                models, new PipelineMetrics(meters));
    }

    private InboundRecord update(String type, String name, String version) {
        ModelUpdateEvent data = new ModelUpdateEvent("promoted", new ModelRef(name, version), null, "0".repeat(64));
        CloudEvent event = new CloudEvent("update-" + name + version, EventTypes.SOURCE, type, Optional.empty(),
                Optional.of(name), RecordingPublisher.JSON.valueToTree(data));
        CloudEventCodec.Encoded encoded = codec.encode(event, EventMode.STRUCTURED);
        return new InboundRecord(name, encoded.value(), encoded.headers(), "model-updates", 0, 0);
    }

    private double outcome(String outcome) {
        var counter = meters.find("dpiqa.pipeline.model.updates").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void servesTheVersionAnUpdateNamesForItsStudentOnce() {
        ModelUpdateConsumer consumer = consumer(Map.of());

        consumer.apply(update(EventTypes.MODEL_UPDATED, "fixture_student", "1.1.0"));
        consumer.apply(update(EventTypes.MODEL_UPDATED, "fixture_student", "1.1.0"));

        assertThat(swappedTo).containsExactly("fixture_student/1.1.0");
        assertThat(outcome("applied")).isEqualTo(1);
        assertThat(outcome("unchanged")).isEqualTo(1);
    }

    @Test
    void leavesOtherModelsAndOtherEventsAlone() {
        ModelUpdateConsumer consumer = consumer(Map.of());

        consumer.apply(update(EventTypes.MODEL_UPDATED, "fixture_teacher", "1.0.0"));
        consumer.apply(update(EventTypes.IMAGE_QUALITY, "fixture_student", "1.1.0"));

        assertThat(swappedTo).isEmpty();
    }

    @Test
    void aPinnedStudentStaysPinned() {
        ModelUpdateConsumer consumer = consumer(Map.of("dpiqa.models.student.version", "1.0.0"));

        consumer.apply(update(EventTypes.MODEL_UPDATED, "fixture_student", "1.1.0"));
        consumer.catchUp();

        assertThat(swappedTo).isEmpty();
        assertThat(outcome("pinned")).isEqualTo(1);
    }

    @Test
    void anUpdateThatCannotBeAppliedIsRefusedAndServingGoesOn() {
        ModelUpdateConsumer consumer = consumer(Map.of());

        consumer.apply(update(EventTypes.MODEL_UPDATED, "fixture_student", "9.9.9"));
        consumer.apply(new InboundRecord("k", "{".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), "model-updates", 0, 1));

        assertThat(swappedTo).isEmpty();
        assertThat(outcome("refused")).isEqualTo(2);
    }

    @Test
    void catchingUpServesTheCachesNewestVersion() {
        consumer(Map.of()).catchUp();

        assertThat(swappedTo).containsExactly("fixture_student/1.1.0");
        assertThat(outcome("caught-up")).isEqualTo(1);
    }
}
