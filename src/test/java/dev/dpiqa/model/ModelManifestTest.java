package dev.dpiqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpiqa.image.DecodeReduction;
import dev.dpiqa.image.InputView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {

    private static final Path STUDENT_MANIFEST = Fixtures.MODEL_CACHE.resolve("fixture_student/1.0.0/manifest.json");

    @Test
    void readsTheContractFields() throws Exception {
        ModelManifest manifest = ModelManifest.read(STUDENT_MANIFEST);

        assertThat(manifest.id()).isEqualTo(new ModelId("fixture_student", "1.0.0"));
        assertThat(manifest.role()).isEqualTo(ModelRole.STUDENT);
        assertThat(manifest.file()).isEqualTo("model.pt");
        assertThat(manifest.sha256()).hasSize(64);
        assertThat(manifest.inputLength()).isEqualTo(3 * 64 * 64);
        assertThat(manifest.qmapLength()).isEqualTo(8 * 64 * 64);
        assertThat(manifest.mosScale()).isEqualTo(100.0);
        assertThat(manifest.preprocessing()).containsEntry("resize", "bilinear_antialias");
        assertThat(manifest.lineage()).containsKey("parent");
    }

    @Test
    void listsEachModelFileWithItsEngine() throws Exception {
        ModelManifest withOnnx = ModelManifest.read(STUDENT_MANIFEST);
        ModelManifest torchScriptOnly = ModelManifest.read(Fixtures.MODEL_CACHE.resolve(
                "fixture_teacher/1.0.0/manifest.json"));

        assertThat(withOnnx.engines()).containsExactly(ModelEngine.PYTORCH, ModelEngine.ONNXRUNTIME);
        assertThat(withOnnx.fileFor(ModelEngine.PYTORCH).orElseThrow())
                .isEqualTo(new ModelManifest.ModelFile("model.pt", withOnnx.sha256(), "pytorch"));
        assertThat(withOnnx.fileFor(ModelEngine.ONNXRUNTIME).orElseThrow().file()).isEqualTo("model.onnx");
        assertThat(torchScriptOnly.files()).isNull(); // a manifest from before ONNX exports
        assertThat(torchScriptOnly.engines()).containsExactly(ModelEngine.PYTORCH);
        assertThat(torchScriptOnly.fileFor(ModelEngine.ONNXRUNTIME)).isEmpty();
    }

    @Test
    void ignoresFilesOfUnknownEnginesAndRefusesBrokenOrConflictingEntries(@TempDir Path dir) throws Exception {
        String original = Files.readString(STUDENT_MANIFEST);
        String sha = ModelManifest.read(STUDENT_MANIFEST).sha256();
        Path manifest = dir.resolve("manifest.json");

        Files.writeString(manifest, original.replace("\"engine\": \"onnxruntime\"", "\"engine\": \"tensorrt\""));
        assertThat(ModelManifest.read(manifest).engines()).containsExactly(ModelEngine.PYTORCH);

        Files.writeString(manifest, original.replaceFirst("\"file\": \"model.onnx\"", "\"file\": \"../x.onnx\""));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).hasMessageContaining("files[].file");

        Files.writeString(manifest, original.replace("\"sha256\": \"" + sha + "\",\n      \"engine\": \"pytorch\"",
                "\"sha256\": \"" + "0".repeat(64) + "\",\n      \"engine\": \"pytorch\""));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).hasMessageContaining("the pytorch entry of files");
    }

    @Test
    void listsEveryMissingOrBrokenField(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, """
                {"name": "x", "version": "1.0", "file": "../model.pt", "sha256": "abc",
                 "input": {"height": 64, "width": 0, "channels": 1, "layout": "NHWC", "dtype": "float32",
                           "color": "RGB", "value_range": [0, 255]}}
                """);

        assertThatThrownBy(() -> ModelManifest.read(manifest))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems())
                        .hasSize(9)
                        .anySatisfy(p -> assertThat(p).startsWith("version"))
                        .anySatisfy(p -> assertThat(p).startsWith("role is missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("file must be a plain file name"))
                        .anySatisfy(p -> assertThat(p).startsWith("sha256"))
                        .anySatisfy(p -> assertThat(p).startsWith("input.height and input.width"))
                        .anySatisfy(p -> assertThat(p).startsWith("input must be channels=3"))
                        .anySatisfy(p -> assertThat(p).startsWith("input.value_range"))
                        .anySatisfy(p -> assertThat(p).startsWith("preprocessing is missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("outputs.score and outputs.qmap")))
                .hasMessageContaining(manifest.toString());
    }

    @Test
    void namesAnUnknownRole(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(STUDENT_MANIFEST).replace("\"student\"", "\"mentor\""));

        assertThatThrownBy(() -> ModelManifest.read(manifest))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("mentor");
    }

    @Test
    void readsTheViewsAModelStacksAndDefaultsToTheWholePhoto() throws Exception {
        assertThat(ModelManifest.read(STUDENT_MANIFEST).input().views()).containsExactly(InputView.WHOLE);

        ModelManifest views = ModelManifest.read(
                Fixtures.MODEL_CACHE.resolve("fixture_student_views/1.0.0/manifest.json"));

        assertThat(views.input().views()).containsExactly(InputView.WHOLE, InputView.NATIVE_CROP);
        assertThat(views.inputLength()).isEqualTo(6 * 64 * 64);
        assertThat(views.modelViews().channels()).isEqualTo(6);
    }

    @Test
    void refusesViewsItCannotBuildOrChannelsThatDoNotMatchThem(@TempDir Path dir) throws Exception {
        String views = Files.readString(Fixtures.MODEL_CACHE.resolve("fixture_student_views/1.0.0/manifest.json"));
        Path manifest = dir.resolve("manifest.json");

        Files.writeString(manifest, views.replace("\"native_crop\"", "\"tiles\""));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("tiles");

        Files.writeString(manifest, views.replace("\"channels\": 6", "\"channels\": 3"));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("channels=3 per view (2 views: 6)");
    }

    @Test
    void readsTheDecodeReductionAModelAllowsAndRefusesOneItCannotApply(@TempDir Path dir) throws Exception {
        String student = Files.readString(STUDENT_MANIFEST);
        String views = Files.readString(Fixtures.MODEL_CACHE.resolve("fixture_student_views/1.0.0/manifest.json"));
        String reduction = "\"decode_reduction\": {\"method\": \"jpeg_dct_scaling\", \"min_short_side_ratio\": 2},\n"
                + "    \"resize\"";
        Path manifest = dir.resolve("manifest.json");

        assertThat(ModelManifest.read(STUDENT_MANIFEST).decodeReduction()).isEqualTo(DecodeReduction.NONE);
        Files.writeString(manifest, student.replace("\"resize\"", reduction));
        ModelManifest reducing = ModelManifest.read(manifest);
        assertThat(reducing.decodeReduction()).isEqualTo(new DecodeReduction(2));
        assertThat(reducing.modelViews().minDecodedShortSide()).isEqualTo(2 * 64);

        Files.writeString(manifest, student.replace("\"resize\"", reduction.replace("jpeg_dct_scaling", "webp_magic")));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("preprocessing.decode_reduction must be");

        Files.writeString(manifest, views.replace("\"resize\"", reduction));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("needs every input view to be whole");
    }

    @Test
    void refusesPreprocessingThisServerDoesNotImplement(@TempDir Path dir) throws Exception {
        String student = Files.readString(STUDENT_MANIFEST);
        Path manifest = dir.resolve("manifest.json");

        Files.writeString(manifest, student.replace("\"bilinear_antialias\"", "\"bicubic\""));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("preprocessing.resize must be bilinear_antialias (what this server implements),"
                        + " got bicubic");

        Files.writeString(manifest, student.replace("\"keep_aspect\": false", "\"keep_aspect\": true"));
        assertThatThrownBy(() -> ModelManifest.read(manifest)).hasMessageContaining("preprocessing.keep_aspect");

        Files.writeString(manifest, student.replace("\"resize\"", "\"gamma\": 2.2,\n    \"resize\""));
        assertThatThrownBy(() -> ModelManifest.read(manifest))
                .hasMessageContaining("preprocessing.gamma is not implemented by this server");
    }

    @Test
    void servesEveryShippedVersionsPreprocessing() throws Exception {
        try (var manifests = Files.find(Path.of("model-cache"), 3,
                (path, attributes) -> path.getFileName().toString().equals("manifest.json"))) {
            List<Path> shipped = manifests.toList();
            assertThat(shipped).hasSizeGreaterThan(1);
            for (Path version : shipped) {
                assertThat(ModelManifest.read(version).id()).as(version.toString()).isNotNull();
            }
        }
    }
}
