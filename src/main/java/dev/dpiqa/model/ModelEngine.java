package dev.dpiqa.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The inference engines a model file can be written for, named as manifests name them ({@code files[].engine}).
 * TorchScript ({@code model.pt}) is every version's source; ONNX ({@code model.onnx}) is an export of it for CPUs.
 */
public enum ModelEngine {
    PYTORCH("pytorch"),
    ONNXRUNTIME("onnxruntime");

    private final String id;

    ModelEngine(String id) {
        this.id = id;
    }

    /** The manifest's name for it. */
    public String id() {
        return id;
    }

    /** Empty for engines this server does not know (a newer exporter's): such files are ignored, not refused. */
    public static Optional<ModelEngine> parse(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
