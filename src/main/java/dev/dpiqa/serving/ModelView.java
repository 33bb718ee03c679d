package dev.dpiqa.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.model.ModelRole;

import java.util.List;
import java.util.Map;

/**
 * One model version in the cache, as {@code GET /v1/models} and {@code dpiqa models} list it.
 *
 * @param serving         whether this version is loaded and scoring now; in {@code dpiqa models}, which loads
 *                        nothing, whether it is the version {@code score} and {@code serve} would load
 * @param sha256Verified  true: the file matches the manifest (checked at load, or on request); false: it does not
 *                        (the loader refuses it); null: not checked, since hashing a large model costs a full read
 * @param engines         the engines the version has a model file for ({@code pytorch}: TorchScript, every version;
 *                        {@code onnxruntime}: an ONNX export, what CPUs serve by default)
 * @param engine          the engine that serves it here: running it now when loaded, else the one this node's
 *                        {@code dpiqa.models.engine} and device would pick (PyTorch for a TorchScript-only version,
 *                        such as one {@code dpiqa distill} promoted)
 * @param input           {@code [height, width]} the model takes
 * @param metrics         as recorded by training (dataset, split seeds, PLCC/SRCC/KRCC)
 */
public record ModelView(String name, String version, ModelRole role,
                        @JsonProperty("created_at") String createdAt,
                        String sha256,
                        @JsonProperty("sha256_verified") Boolean sha256Verified,
                        boolean serving,
                        List<String> engines,
                        String engine,
                        int[] input,
                        Map<String, Object> metrics) {
}
