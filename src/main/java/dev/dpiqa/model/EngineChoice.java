package dev.dpiqa.model;

/**
 * Which engine serves a version ({@code dpiqa.models.engine}). AUTO: ONNX Runtime on CPUs when the version has an
 * ONNX file (issue 27: 1.6–1.7× DJL's libtorch on the same CPU), PyTorch on GPUs and for TorchScript-only versions
 * (teachers, and students re-distilled in Java by {@code dpiqa distill}).
 */
public enum EngineChoice {
    AUTO,
    PYTORCH,
    ONNXRUNTIME
}
