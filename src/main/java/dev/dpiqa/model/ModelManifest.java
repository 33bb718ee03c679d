package dev.dpiqa.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dpiqa.image.DecodeReduction;
import dev.dpiqa.image.InputView;
import dev.dpiqa.image.ModelViews;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of one model-cache version (see model-cache/README.md). Everything the Java side needs
 * about a model's input and output comes from here, never from constants in code.
 *
 * <p>{@code preprocessing} must be what this server implements ({@link PreprocessingContract}); {@code config},
 * {@code metrics} and {@code lineage} are carried as read, for model cards and lineage reports.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // newer exporters may add fields; old readers must still serve
public record ModelManifest(
        String name,
        String version,
        ModelRole role,
        @JsonProperty("created_at") String createdAt,
        String file,
        String sha256,
        List<ModelFile> files,
        InputSpec input,
        Map<String, Object> preprocessing,
        OutputSpec outputs,
        Map<String, Object> config,
        Map<String, Object> metrics,
        Map<String, Object> lineage,
        Compose compose) {

    /**
     * A version served as the weighted sum of its own file and of other versions of the same cache, loaded beside it
     * as they are ({@code compose}): a teacher made of a shipped teacher and students stores only the students.
     *
     * @param self     the weight of this version's own file
     * @param versions the versions served beside it, each with its weight; all weights sum to 1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Compose(double self, List<Share> versions) {

        public Compose {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    /** One version a composed version is served with, by name and version in the same model cache. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Share(String name, String version, double weight) {
    }

    /**
     * One model file of the version and the engine that reads it ({@code files}, issue 27). Manifests without
     * {@code files} have one: {@code file} / {@code sha256}, TorchScript, which stay the PyTorch entry in newer ones
     * so older servers load them unchanged.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelFile(String file, String sha256, String engine) {

        /** Empty for an engine this server does not know. */
        public Optional<ModelEngine> modelEngine() {
            return ModelEngine.parse(engine);
        }
    }

    /**
     * Model input: the Java side feeds exactly this tensor, its {@code views} stacked along channels (versions
     * before native crops name none: the whole photo).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InputSpec(int height, int width, int channels, String layout, String dtype, String color,
                            @JsonProperty("value_range") List<Double> valueRange, List<InputView> views) {

        public InputSpec {
            views = views == null ? List.of(InputView.WHOLE) : List.copyOf(views);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputSpec(ScoreSpec score, QmapSpec qmap) {
    }

    /** {@code mos_scale} turns the [0,1] score into MOS points (100 for the usual 0–100 scale). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScoreSpec(List<Double> range, @JsonProperty("mos_scale") double mosScale) {
    }

    /** Shape of one image's quality map, {@code [channels, height, width]}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QmapSpec(List<Integer> shape) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** Reads and validates a manifest; every contract violation is listed in the exception. */
    public static ModelManifest read(Path manifestJson) throws InvalidManifestException {
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(manifestJson.toFile(), ModelManifest.class);
        } catch (JacksonException e) {
            throw new InvalidManifestException(manifestJson, List.of(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidManifestException(manifestJson, List.of("unreadable: " + e.getMessage()));
        }
        List<String> problems = manifest.problems();
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(manifestJson, problems);
        }
        return manifest;
    }

    /** How to build this model's input from a photo: its views, and how small the photo may be decoded for them. */
    public ModelViews modelViews() {
        return new ModelViews(input.height(), input.width(), input.views(), decodeReduction());
    }

    /** {@code preprocessing.decode_reduction}: how small a JPEG may be decoded for this model. */
    public DecodeReduction decodeReduction() {
        return PreprocessingContract.decodeReduction(preprocessing);
    }

    public ModelId id() {
        return new ModelId(name, version);
    }

    public ModelVersion semanticVersion() {
        return ModelVersion.parse(version);
    }

    /** Every model file this server can use, the TorchScript one ({@code file}) first. */
    public List<ModelFile> modelFiles() {
        List<ModelFile> usable = new ArrayList<>();
        usable.add(new ModelFile(file, sha256, ModelEngine.PYTORCH.id()));
        if (files != null) {
            files.stream().filter(f -> f != null && f.modelEngine().isPresent()
                            && f.modelEngine().get() != ModelEngine.PYTORCH)
                    .forEach(usable::add);
        }
        return List.copyOf(usable);
    }

    /** The file for {@code engine}, when the version has one. */
    public Optional<ModelFile> fileFor(ModelEngine engine) {
        return modelFiles().stream().filter(f -> f.modelEngine().orElse(null) == engine).findFirst();
    }

    /** The engines this version can be served by, PyTorch first. */
    public List<ModelEngine> engines() {
        return modelFiles().stream().map(f -> f.modelEngine().orElseThrow()).distinct().toList();
    }

    /** Floats in one CHW input. */
    public int inputLength() {
        return input.channels() * input.height() * input.width();
    }

    /** Floats in one image's quality map. */
    public int qmapLength() {
        return outputs.qmap().shape().stream().mapToInt(Integer::intValue).reduce(1, Math::multiplyExact);
    }

    public double mosScale() {
        return outputs.score().mosScale();
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be a folder-safe identifier, got " + name);
        }
        try {
            ModelVersion.parse(version);
        } catch (IllegalArgumentException e) {
            problems.add("version: " + e.getMessage());
        }
        if (role == null) {
            problems.add("role is missing (student | teacher)");
        }
        // The file must sit inside its version folder: no separators, so no "../" escapes.
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            problems.add("file must be a plain file name in the version folder, got " + file);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            problems.add("sha256 must be 64 hex digits, got " + sha256);
        }
        addFileProblems(problems);
        if (input == null) {
            problems.add("input is missing");
        } else {
            addInputProblems(problems);
            PreprocessingContract.addProblems(preprocessing, input.views(), problems);
        }
        if (outputs == null || outputs.score() == null || outputs.qmap() == null) {
            problems.add("outputs.score and outputs.qmap are required");
        } else {
            addOutputProblems(problems);
        }
        addComposeProblems(problems);
        return problems;
    }

    private void addComposeProblems(List<String> problems) {
        if (compose == null) {
            return;
        }
        double total = compose.self();
        if (!(compose.self() > 0) || compose.versions().isEmpty()) {
            problems.add("compose needs a positive self weight and at least one version, got " + compose);
        }
        for (Share share : compose.versions()) {
            if (share == null || share.name() == null || !NAME.matcher(share.name()).matches()
                    || share.version() == null || !(share.weight() > 0)) {
                problems.add("compose.versions[] must each name a model and version with a positive weight, got "
                        + share);
                continue;
            }
            try {
                ModelVersion.parse(share.version());
            } catch (IllegalArgumentException e) {
                problems.add("compose.versions[].version: " + e.getMessage());
            }
            total += share.weight();
        }
        if (Math.abs(total - 1.0) > 1e-6) {
            problems.add("compose weights must sum to 1, got " + total);
        }
    }

    private void addFileProblems(List<String> problems) {
        if (files == null) {
            return;
        }
        for (ModelFile entry : files) {
            if (entry == null || entry.file() == null || entry.file().isBlank() || entry.file().contains("/")
                    || entry.file().contains("\\") || entry.file().startsWith(".")) {
                problems.add("files[].file must be a plain file name in the version folder, got "
                        + (entry == null ? null : entry.file()));
            } else if (entry.sha256() == null || !SHA256.matcher(entry.sha256()).matches()) {
                problems.add("files[].sha256 of " + entry.file() + " must be 64 hex digits, got " + entry.sha256());
            } else if (entry.modelEngine().orElse(null) == ModelEngine.PYTORCH
                    && !(entry.file().equals(file) && entry.sha256().equalsIgnoreCase(String.valueOf(sha256)))) {
                // Two TorchScript files would leave old and new servers loading different bytes.
                problems.add("the pytorch entry of files must be file/sha256 (" + file + "), got " + entry.file());
            }
        }
    }

    private void addInputProblems(List<String> problems) {
        if (input.height() <= 0 || input.width() <= 0) {
            problems.add("input.height and input.width must be positive");
        }
        // The only tensor the translator builds; anything else needs code, not just a new manifest.
        if (input.channels() != 3 * input.views().size() || !"NCHW".equals(input.layout())
                || !"float32".equals(input.dtype()) || !"RGB".equals(input.color())) {
            problems.add("input must be channels=3 per view (" + input.views().size() + " views: "
                    + 3 * input.views().size() + "), layout=NCHW, dtype=float32, color=RGB");
        }
        if (input.views().stream().distinct().count() != input.views().size()) {
            problems.add("input.views must be distinct, got " + input.views());
        }
        if (!List.of(0.0, 1.0).equals(input.valueRange())) {
            problems.add("input.value_range must be [0.0, 1.0], got " + input.valueRange());
        }
    }

    private void addOutputProblems(List<String> problems) {
        if (!(outputs.score().mosScale() > 0)) {
            problems.add("outputs.score.mos_scale must be positive");
        }
        List<Integer> shape = outputs.qmap().shape();
        if (shape == null || shape.size() != 3 || shape.stream().anyMatch(d -> d == null || d <= 0)) {
            problems.add("outputs.qmap.shape must be [channels, height, width], got " + shape);
        }
    }
}
