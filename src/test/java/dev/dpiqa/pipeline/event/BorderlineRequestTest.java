package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.scoring.service.ModelRef;
import dev.dpiqa.scoring.service.QualityReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BorderlineRequestTest {

    /** As Quarkus configures its mapper: java.time as ISO-8601 text. */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static BorderlineRequest request() {
        ObjectNode upload = JSON.createObjectNode().put("asset_id", "asset-1").put("image_uri", "file:/tmp/a.jpg");
        QualityEvent student = new QualityEvent("asset-1", new QualityReport(41.5, "review", "student",
                new ModelRef("student", "1.0.0"), null, Map.of("total", 12.0), null, null), "upload-1", null, null);
        return new BorderlineRequest(upload, student, Instant.parse("2026-12-03T17:00:00.123Z"));
    }

    @Test
    void isWrittenAsItsSchemaSaysAndReadBackUnchanged() throws Exception {
        JsonNode written = JSON.valueToTree(request());

        EventSchemas.assertValid("image-quality-borderline", written);
        assertThat(written.path("deadline").asText()).isEqualTo("2026-12-03T17:00:00.123Z");
        assertThat(BorderlineRequest.from(written, JSON)).isEqualTo(request());
    }

    @Test
    void refusesARequestWithAFieldMissingOrUnreadable() {
        ObjectNode noDeadline = JSON.valueToTree(request());
        noDeadline.remove("deadline");
        ObjectNode badDeadline = JSON.valueToTree(request());
        badDeadline.put("deadline", "tomorrow");

        assertThatThrownBy(() -> BorderlineRequest.from(noDeadline, JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("needs upload, student and deadline");
        assertThatThrownBy(() -> BorderlineRequest.from(badDeadline, JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("unreadable borderline request");
        assertThatThrownBy(() -> BorderlineRequest.from(JSON.createArrayNode(), JSON))
                .isInstanceOf(MalformedEventException.class);
    }
}
