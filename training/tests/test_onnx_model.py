"""ONNX copies of model-cache versions (training.export.onnx_model): the pooling rewrite is exact and confined to the
export, a version gains model.onnx without its TorchScript entry changing, and what cannot be rebuilt is refused."""
import hashlib
import json
import shutil
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from training.export.onnx_model import add_onnx, fixed_grid_pooling, rebuild

FIXTURES = Path(__file__).resolve().parents[2] / "src" / "test" / "resources" / "model-cache"


def test_fixed_grid_pooling_equals_the_adaptive_pooling_and_is_undone_after():
    x = torch.rand(2, 8, 64, 64)
    expected = F.adaptive_avg_pool2d(x, 4)
    with fixed_grid_pooling():
        assert F.adaptive_avg_pool2d is not torch._C._nn.adaptive_avg_pool2d
        assert torch.allclose(F.adaptive_avg_pool2d(x, 4), expected, atol=1e-7, rtol=0)
        odd = torch.rand(1, 2, 10, 10)  # 10 is not a multiple of 4: left to the adaptive pooling
        assert torch.equal(F.adaptive_avg_pool2d(odd, 4), torch._C._nn.adaptive_avg_pool2d(odd, (4, 4)))
    assert torch.equal(F.adaptive_avg_pool2d(x, 4), expected)


def test_a_version_gains_an_onnx_file_listed_beside_its_unchanged_torchscript_entry(tmp_path):
    folder = shutil.copytree(FIXTURES / "fixture_teacher" / "1.0.0", tmp_path / "v")
    before = json.loads((folder / "manifest.json").read_text())
    onnx_file = add_onnx(folder, torch.jit.load(str(folder / "model.pt")))
    after = json.loads((folder / "manifest.json").read_text())
    assert after["file"] == before["file"] and after["sha256"] == before["sha256"]  # older servers read these
    assert after["files"] == [
        {"file": "model.pt", "sha256": before["sha256"], "engine": "pytorch"},
        {"file": "model.onnx", "sha256": hashlib.sha256(onnx_file.read_bytes()).hexdigest(), "engine": "onnxruntime"}]
    assert {k: v for k, v in after.items() if k != "files"} == before


def test_an_ensemble_over_several_views_is_not_rebuilt_from_a_manifest_without_member_configs(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"file": "model.pt", "config": {
        "name": "dpiqa_student_mobilenetv2", "ensemble_of": 2, "input_views": ["whole", "native_crop"]}}))
    with pytest.raises(ValueError, match="per-member config"):
        rebuild(folder)
