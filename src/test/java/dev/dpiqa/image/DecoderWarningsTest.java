package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderWarningsTest {

    @Test
    void truncationAndCorruptDataAreDamaging() {
        List<String> damage = List.of("Truncated File - Missing EOI marker", "Corrupt JPEG data: premature end of data segment",
                "Corrupt JPEG data: 12 extraneous bytes before marker 0xd3", "Corrupt JPEG data: bad Huffman code");
        assertThat(DecoderWarnings.damaging(damage)).isEqualTo(damage);
    }

    @Test
    void colourProfileNotesAndTrailingJunkAreAdvisory() {
        assertThat(DecoderWarnings.damaging(List.of(
                "No embedded ICC color profile, will convert using inaccurate CMYK to RGB conversion. Colors may look incorrect.",
                "Corrupt JPEG data: 3 extraneous bytes before marker 0xd9"))).isEmpty();
    }
}
