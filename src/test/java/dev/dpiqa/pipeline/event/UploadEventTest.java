package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadEventTest {

    private final ObjectMapper json = new ObjectMapper();

    private UploadEvent parse(String data, int maxInline) throws Exception {
        return UploadEvent.from(json.readTree(data), maxInline);
    }

    @Test
    void readsAUriUploadWithItsCallback() throws Exception {
        UploadEvent upload = parse("{\"asset_id\":\"a\",\"image_uri\":\"https://cdn/x.jpg\",\"tenant\":\"t\","
                + "\"callback\":{\"dam_id\":\"42\"}}", 100);

        assertThat(upload.imageUri()).contains("https://cdn/x.jpg");
        assertThat(upload.imageData()).isEmpty();
        assertThat(upload.tenant()).contains("t");
        assertThat(upload.callback()).isEqualTo(Map.of("dam_id", "42"));
    }

    @Test
    void decodesInlineBytes() throws Exception {
        byte[] bytes = {1, 2, 3, 4, 5};
        UploadEvent upload = parse("{\"asset_id\":\"a\",\"image_data\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}", 100);

        assertThat(upload.imageData()).hasValueSatisfying(b -> assertThat(b).containsExactly(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"image_uri\":\"file:/x\"}|asset_id is required",
            "{\"asset_id\":\"a\"}|exactly one of image_uri and image_data",
            "{\"asset_id\":\"a\",\"image_uri\":\"file:/x\",\"image_data\":\"AAAA\"}|exactly one",
            "{\"asset_id\":7,\"image_uri\":\"file:/x\"}|asset_id must be a non-empty string",
            "{\"asset_id\":\"a\",\"image_data\":\"!!!!\"}|not base64",
            "{\"asset_id\":\"a\",\"image_data\":\"QUFBQUFBQUFBQUFBQUFBQUFBQUFB\"}|inline limit",
            "{\"asset_id\":\"a\",\"image_uri\":\"file:/x\",\"callback\":{\"n\":1}}|callback.n must be a string",
            "[]|must be a JSON object"
    })
    void refusesWithTheFieldAndTheProblem(String data, String reason) {
        assertThatThrownBy(() -> parse(data, 16)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(reason);
    }
}
