package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A composed version: its own file plus versions of the same cache, served as their weighted sum. */
class ComposingLoaderTest {

    private static final String STUDENT = Fixtures.STUDENT;

    @Test
    void servesTheWeightedSumOfItsOwnFileAndTheVersionItNamesAndClosesBoth(@TempDir Path root) throws Exception {
        Fixtures.copy(STUDENT, "1.0.0", root);
        List<ControlledModel> loaded = new CopyOnWriteArrayList<>();
        List<float[]> inputs = List.of(Fixtures.noise(1), Fixtures.noise(2));

        QualityModel model = new ComposingLoader(ControlledModel.loader(loaded))
                .load(Fixtures.composedStudent(root, STUDENT, "1.0.0"));

        List<ModelOutput> own;
        List<ModelOutput> companion;
        try (QualityModel a = Fixtures.loader().load(Fixtures.cached(STUDENT, "1.1.0"));
             QualityModel b = Fixtures.loader().load(Fixtures.cached(STUDENT, "1.0.0"))) {
            own = a.predict(inputs);
            companion = b.predict(inputs);
        }
        List<ModelOutput> outputs = model.predict(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(own.get(i).score01()).isNotCloseTo(companion.get(i).score01(), within(1e-4f));
            assertThat(outputs.get(i).score01()).isCloseTo(
                    0.25f * own.get(i).score01() + 0.75f * companion.get(i).score01(), within(1e-6f));
            assertThat(outputs.get(i).qmap()[7]).isCloseTo(
                    0.25f * own.get(i).qmap()[7] + 0.75f * companion.get(i).qmap()[7], within(1e-6f));
        }
        assertThat(model.manifest().version()).isEqualTo("2.0.0");
        assertThat(loaded).hasSize(2);
        model.close();
        assertThat(loaded).allMatch(ControlledModel::isClosed);
    }

    @Test
    void refusesACompositionWhosePartsAreNotInItsCacheOrDoNotFit(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.TEACHER_96, "1.0.0", root);
        ModelLoader loader = new ComposingLoader(Fixtures.loader());

        assertThatThrownBy(() -> loader.load(Fixtures.composedStudent(root, STUDENT, "1.0.0")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not in its model cache");
        deleteComposed(root);
        assertThatThrownBy(() -> loader.load(Fixtures.composedStudent(root, Fixtures.TEACHER_96, "1.0.0")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("takes input");
    }

    @Test
    void aManifestWhoseWeightsDoNotSumToOneIsInvalid(@TempDir Path root) throws Exception {
        Path manifest = Fixtures.composedStudent(root, STUDENT, "1.1.0").directory().resolve(ModelRegistry.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"weight\": 0.75", "\"weight\": 0.5"));

        assertThatThrownBy(() -> ModelManifest.read(manifest))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("must sum to 1, got 0.75");
    }

    private static void deleteComposed(Path root) throws IOException {
        try (var files = Files.walk(root.resolve(STUDENT).resolve("2.0.0"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
