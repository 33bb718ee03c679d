package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @Test
    void listsNamesVersionsAndRoles() {
        ModelRegistry registry = Fixtures.registry();

        assertThat(registry.names()).containsExactly("fixture_student", "fixture_student_views", "fixture_teacher",
                "fixture_teacher_96");
        assertThat(registry.versions("fixture_student")).extracting(m -> m.manifest().version())
                .containsExactly("1.0.0", "1.1.0");
        assertThat(registry.models()).extracting(m -> m.manifest().role())
                .containsExactly(ModelRole.STUDENT, ModelRole.STUDENT, ModelRole.STUDENT, ModelRole.TEACHER,
                        ModelRole.TEACHER);
        assertThat(registry.scan().problems()).isEmpty();
    }

    @Test
    void resolvesTheLatestOrAPinnedVersion() throws Exception {
        ModelRegistry registry = Fixtures.registry();

        assertThat(registry.resolve("fixture_student", Optional.empty()).id().version()).isEqualTo("1.1.0");
        assertThat(registry.resolve("fixture_student", Optional.of("1.0.0")).directory())
                .isEqualTo(Fixtures.MODEL_CACHE.resolve("fixture_student/1.0.0"));
        assertThatThrownBy(() -> registry.version("fixture_student", "2.0.0"))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("2.0.0");
        assertThatThrownBy(() -> registry.latest("nope")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void ordersVersionsNumericallyNotAlphabetically(@TempDir Path root) throws Exception {
        Fixtures.copyAsVersion("fixture_student", "1.0.0", root, "1.9.0");
        Fixtures.copyAsVersion("fixture_student", "1.0.0", root, "1.10.0");
        Fixtures.copyAsVersion("fixture_student", "1.0.0", root, "1.10.0-rc.1");

        assertThat(new ModelRegistry(root).latest("fixture_student").id().version()).isEqualTo("1.10.0");
    }

    @Test
    void skipsAndReportsBrokenFoldersButServesTheRest(@TempDir Path root) throws Exception {
        Fixtures.copy("fixture_student", "1.0.0", root);
        Path broken = Fixtures.copy("fixture_student", "1.1.0", root);
        Files.writeString(broken.resolve("manifest.json"), "{ not json");
        Path misplaced = Files.move(Fixtures.copy("fixture_teacher", "1.0.0", root),
                root.resolve("fixture_teacher/9.9.9")); // folder and manifest now disagree on the version

        ModelRegistry.Scan scan = new ModelRegistry(root).scan();

        assertThat(scan.models()).extracting(CachedModel::id)
                .containsExactly(new ModelId("fixture_student", "1.0.0"));
        assertThat(scan.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains(broken.toString()))
                .anySatisfy(p -> assertThat(p).contains(misplaced.toString()).contains("fixture_teacher/9.9.9"));
    }

    @Test
    void anAbsentCacheIsEmpty(@TempDir Path root) {
        assertThat(new ModelRegistry(root.resolve("missing")).models()).isEmpty();
    }
}
