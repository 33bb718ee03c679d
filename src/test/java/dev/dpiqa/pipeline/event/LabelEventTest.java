package dev.dpiqa.pipeline.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.redistill.LabelledImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelEventTest {

    @Test
    void aWrittenLabelIsValidAndReadsBackTheSame() throws Exception {
        LabelledImage label = new LabelledImage("a1", "https://dam.example/a1.jpg", 72.5, 1, "dpiqa-console:ann");
        var data = LabelEvent.data(label, new ObjectMapper());

        EventSchemas.assertValid("image-labels", data);
        assertThat(LabelEvent.from(data)).isEqualTo(label);
    }
}
