package dev.dpiqa.redistill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheWriterTest {

    /**
     * Java re-distillation writes TorchScript only: a version fine-tuned from a parent with an ONNX copy must not
     * inherit it (the parent's weights), so it lists PyTorch alone and is served by PyTorch everywhere (issue 27).
     */
    @Test
    void aReDistilledVersionListsItsTorchScriptFileAlone(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.STUDENT, "1.1.0", root);
        CachedModel parent = new ModelRegistry(root).latest(Fixtures.STUDENT);
        assertThat(parent.engines()).contains(ModelEngine.ONNXRUNTIME);
        ModelCacheWriter writer = new ModelCacheWriter(root, new ObjectMapper());
        Path staging = writer.stagingFolder(Fixtures.STUDENT);
        Files.write(staging.resolve("model.pt"), new byte[] {1, 2, 3}); // stands in for the fine-tuned weights

        CachedModel staged = writer.describe(staging, parent, "1.1.1", Map.of(), Map.of("parent", "x"));

        assertThat(staged.manifest().files()).isNull();
        assertThat(staged.engines()).containsExactly(ModelEngine.PYTORCH);
        assertThat(Files.readString(staging.resolve(ModelRegistry.MANIFEST_FILE))).doesNotContain("onnx");
    }
}
