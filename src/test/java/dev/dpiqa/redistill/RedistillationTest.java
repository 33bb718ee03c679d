package dev.dpiqa.redistill;

import dev.dpiqa.ConfigMappings;
import dev.dpiqa.model.ComposingLoader;
import dev.dpiqa.model.Fixtures;
import dev.dpiqa.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run refuses before it spends an hour preparing images and training. */
class RedistillationTest {

    /**
     * A composed student is a weighted sum of several files: fine-tuning its own file alone would not re-distil it.
     * The trainer, writer, fetcher and intake are absent: the run must stop before it needs any of them.
     */
    @Test
    void aComposedStudentIsRefusedWithTheReasonBeforeAnyImageIsFetched(@TempDir Path root) throws Exception {
        Fixtures.copy(Fixtures.STUDENT, "1.0.0", root);
        var student = Fixtures.composedStudent(root, Fixtures.STUDENT, "1.0.0");
        var redistillation = new Redistillation(new ModelRegistry(root), new ComposingLoader(Fixtures.loader()),
                null, null, null, null, ConfigMappings.of(DistillConfig.class, Map.of()));
        List<String> progress = new ArrayList<>();

        DistillReport report = redistillation.run(new Redistillation.Models(student, Optional.empty()),
                new DistillInputs(List.of(new LabelledImage("a", "file:///a.jpg", 50.0, 1, "test")), List.of(), "test"),
                progress::add);

        assertThat(report.outcome()).isEqualTo(DistillReport.FAILED);
        assertThat(report.reasons()).singleElement().asString()
                .contains("fixture_student/2.0.0", "is composed with other versions", "served alone");
        assertThat(progress).isEmpty();
    }
}
