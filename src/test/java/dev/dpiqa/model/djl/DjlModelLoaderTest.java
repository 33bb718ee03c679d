package dev.dpiqa.model.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ChecksumMismatchException;
import dev.dpiqa.model.Checksums;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelInferenceException;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.QualityModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlModelLoaderTest {

    @Test
    void runsOfflineOnTheBundledCpuLibtorch() {
        assertThat(Boolean.getBoolean("ai.djl.offline")).isTrue();
        assertThat(Engine.getEngine("PyTorch").getVersion()).isEqualTo("2.7.1");
        // The native library was unpacked from the pytorch-native-cpu jar into target/, not downloaded.
        assertThat(Path.of("target/djl-cache/pytorch")).isDirectoryContaining(p -> p.getFileName().toString()
                .matches("2\\.7\\.1-.*cpu-linux-x86_64"));
        assertThat(Fixtures.loader().device().isGpu()).isFalse();
    }

    @Test
    void scoresABatchWithTheContractShapes() throws Exception {
        CachedModel student = Fixtures.cached(Fixtures.STUDENT, "1.0.0");
        try (QualityModel model = Fixtures.loader().load(student)) {
            List<ModelOutput> outputs = model.predict(List.of(Fixtures.solid(0, 0, 0), Fixtures.noise(1),
                    Fixtures.solid(1, 0, 0)));

            assertThat(model.manifest().id()).isEqualTo(student.id());
            assertThat(outputs).hasSize(3).allSatisfy(output -> {
                assertThat(output.score01()).isBetween(0f, 1f);
                assertThat(output.qmap()).hasSize(8 * 64 * 64);
            });
            assertThat(outputs.get(0).score01()).isNotEqualTo(outputs.get(2).score01());
        }
    }

    @Test
    void refusesAModelWhoseBytesDoNotMatchTheManifest(@TempDir Path root) throws Exception {
        Path folder = Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        Files.write(folder.resolve("model.pt"), new byte[] {1}, StandardOpenOption.APPEND);
        CachedModel tampered = new ModelRegistry(root).latest(Fixtures.STUDENT);
        String tamperedSha = Checksums.sha256(tampered.modelFile());

        assertThatThrownBy(() -> Fixtures.loader().load(tampered))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(tampered.manifest().sha256());
                    assertThat(e.actual()).isEqualTo(tamperedSha)
                            .isNotEqualTo(e.expected());
                    assertThat(e).hasMessageContaining(e.expected()).hasMessageContaining(e.actual());
                });
    }

    @Test
    void rejectsAnInputOfTheWrongSize() throws Exception {
        try (QualityModel model = Fixtures.loader().load(Fixtures.cached(Fixtures.STUDENT, "1.0.0"))) {
            assertThatThrownBy(() -> model.predict(List.of(new float[3 * 32 * 32])))
                    .isInstanceOf(ModelInferenceException.class)
                    .hasStackTraceContaining("the model takes CHW");
        }
    }
}
