"""A trained model into a model-cache version per the model contract (model-cache/README.md): TorchScript and
ONNX files, manifest, model card and the goldens the Java parity tests replay."""
