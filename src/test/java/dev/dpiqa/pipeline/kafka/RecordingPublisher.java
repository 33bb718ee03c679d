package dev.dpiqa.pipeline.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dpiqa.ConfigMappings;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.event.CloudEventCodec;

import java.util.Map;

/** An {@link EventPublisher} over one {@link RecordingEmitter} per channel, with the service's test configuration. */
public final class RecordingPublisher {

    /** As Quarkus configures its mapper: java.time as ISO-8601 text. */
    public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public final RecordingEmitter quality = new RecordingEmitter();
    public final RecordingEmitter borderline = new RecordingEmitter();
    public final RecordingEmitter retry = new RecordingEmitter();
    public final RecordingEmitter deadLetter = new RecordingEmitter();
    public final RecordingEmitter thumbnails = new RecordingEmitter();
    public final RecordingEmitter labels = new RecordingEmitter();
    public final CloudEventCodec codec = new CloudEventCodec(JSON);
    public final PipelineConfig config = ConfigMappings.of(PipelineConfig.class, Map.of());
    public final EventPublisher publisher = new EventPublisher(quality, borderline, retry, deadLetter, thumbnails,
            labels, codec, config);
}
