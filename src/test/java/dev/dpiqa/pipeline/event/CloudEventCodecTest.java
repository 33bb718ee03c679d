package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CloudEventCodec codec = new CloudEventCodec(json);

    private CloudEvent sample() {
        ObjectNode data = json.createObjectNode().put("asset_id", "a-1").put("image_uri", "file:/tmp/x.jpg");
        return new CloudEvent("e-1", "/uploader", EventTypes.IMAGE_UPLOADED,
                Optional.of(Instant.parse("2026-11-27T10:15:30.123Z")), Optional.of("a-1"), data);
    }

    @ParameterizedTest
    @EnumSource(EventMode.class)
    void readsBackWhatItWrites(EventMode mode) throws Exception {
        CloudEventCodec.Encoded encoded = codec.encode(sample(), mode);

        assertThat(codec.decode(encoded.value(), encoded.headers())).isEqualTo(sample());
    }

    @Test
    void binaryModePutsAttributesInHeadersAndOnlyDataInTheValue() throws Exception {
        CloudEventCodec.Encoded encoded = codec.encode(sample(), EventMode.BINARY);

        assertThat(json.readTree(encoded.value())).isEqualTo(sample().data());
        assertThat(new String(encoded.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo("e-1");
    }

    @Test
    void structuredModeIsOneJsonEnvelope() throws Exception {
        CloudEventCodec.Encoded encoded = codec.encode(sample(), EventMode.STRUCTURED);

        assertThat(json.readTree(encoded.value()).get("specversion").asText()).isEqualTo("1.0");
        assertThat(new String(encoded.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "{\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
            "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"image/png\",\"data\":{}}"
    })
    void rejectsWhatIsNoStructuredCloudEventWithAReason(String value) {
        assertThatThrownBy(() -> codec.decode(value.getBytes(StandardCharsets.UTF_8), new RecordHeaders()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageMatching(".*(empty|JSON|specversion|id|data|time|datacontenttype).*");
    }

    @Test
    void rejectsABinaryEventWithoutItsRequiredHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ce_id", "1".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> codec.decode("{}".getBytes(StandardCharsets.UTF_8), headers))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_source");
    }
}
