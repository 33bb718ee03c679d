package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    @Test
    void matchesTheFipsTestVector(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(Checksums.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void agreesWithThePythonExporterOnEveryFixture() {
        assertThat(Fixtures.registry().models()).hasSize(5).allSatisfy(model ->
                Checksums.verify(model.modelFile(), model.manifest().sha256().toUpperCase()));
    }

    @Test
    void reportsAnUnreadableFileAsALoadFailure(@TempDir Path dir) {
        assertThatThrownBy(() -> Checksums.verify(dir.resolve("absent.pt"), "00".repeat(32)))
                .isInstanceOf(ModelLoadException.class)
                .isNotInstanceOf(ChecksumMismatchException.class);
    }
}
