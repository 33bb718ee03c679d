package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

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

    /** Each case names the fragment of the reason that says what is wrong, for the dead-letter header. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| empty",
            "not json| Unrecognized token 'not'",
            "[1,2]| Array",
            "{'id':'1','source':'s','type':'t','data':{}}| specversion",
            "{'specversion':'0.1','id':'1','source':'s','type':'t','data':{}}| specversion: 0.1",
            "{'specversion':'1.0','source':'s','type':'t','data':{}}| id attribute",
            "{'specversion':'1.0','id':'1','source':'s','type':'t'}| no data",
            "{'specversion':'1.0','id':'1','source':'s','type':'t','time':'yesterday','data':{}}| \"time\": yesterday",
            "{'specversion':'1.0','id':'1','source':'s','type':'t','datacontenttype':'image/png','data':'x'}| image/png"
    })
    void rejectsWhatIsNoStructuredCloudEventWithAReason(String value, String reason) {
        assertThatThrownBy(() -> codec.decode(value.replace('\'', '"').getBytes(StandardCharsets.UTF_8),
                new RecordHeaders())).isInstanceOf(MalformedEventException.class).hasMessageContaining(reason);
    }

    @Test
    void readsTheOlderSpecVersionAsTheSdkDoes() throws Exception {
        String v03 = "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"a\":1}}";

        CloudEvent event = codec.decode(v03.getBytes(StandardCharsets.UTF_8), new RecordHeaders());

        assertThat(event.id()).isEqualTo("1");
        assertThat(event.data().path("a").asInt()).isEqualTo(1);
    }

    /** Extension attributes survive a round trip in either mode: traceparent among them, which answers carry on. */
    @ParameterizedTest
    @EnumSource(EventMode.class)
    void keepsExtensionAttributes(EventMode mode) throws Exception {
        CloudEvent traced = new CloudEvent("e-1", "/uploader", EventTypes.IMAGE_UPLOADED, Optional.empty(),
                Optional.empty(), sample().data(), Map.of("traceparent", TRACEPARENT, "tenantzone", "eu"));
        CloudEventCodec.Encoded encoded = codec.encode(traced, mode);

        assertThat(codec.decode(encoded.value(), encoded.headers()).extensions())
                .isEqualTo(Map.of("traceparent", TRACEPARENT, "tenantzone", "eu"));
    }

    @Test
    void rejectsABinaryEventWithoutItsRequiredHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ce_id", "1".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> codec.decode("{}".getBytes(StandardCharsets.UTF_8), headers))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("source");
    }
}
