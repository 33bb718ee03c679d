"""The Python side of dpiqa: trains, evaluates and exports the models that the Java service serves.

Grouped by job, each part importing only the parts listed before it (and `recipes` also `evaluation.metrics`, to
choose checkpoints on the validation part):
- `data`: CLIVE's images and splits, the shared preprocessing (the contract with Java), the training distortions;
- `models`: the architectures and their registry;
- `recipes`: how a model is trained (student, teacher, distillation, U-Net prior), its losses, the fit loop they
  share and the caches of frozen parts;
- `export`: model-cache versions (TorchScript, ONNX, manifest, model card, goldens);
- `evaluation`: metrics, plots, robustness (in-domain and out-of-domain), BRISQUE, the evaluation protocols;
- `scripts`: one-off analyses behind the reports.

The reports themselves (JSON, figures, notes) lie outside the package, in the repository's `reports/`.
"""
