"""A shipped ensemble's members come back as checkpoints that rebuild the same model."""
import json

import pytest
import torch

from training.export.model_cache import MODEL_CACHE, build
from training.scripts.extract_member import member_state

ENSEMBLE = MODEL_CACHE / "dpiqa_student_mobilenetv2" / "0.4.0"


def test_members_rebuild_the_shipped_ensemble(tmp_path):
    manifest = json.loads((ENSEMBLE / "manifest.json").read_text())
    checkpoints = []
    for i in range(manifest["config"]["ensemble_of"]):
        torch.save(member_state(ENSEMBLE, i), tmp_path / f"member{i}.pt")
        checkpoints.append(tmp_path / f"member{i}.pt")
    rebuilt = build(manifest["name"], checkpoints, [{"input_size": manifest["input"]["height"]}] * len(checkpoints)).eval()
    shipped = torch.jit.load(str(ENSEMBLE / "model.pt"))
    x = torch.rand(2, 3, 384, 384)
    with torch.no_grad():
        assert torch.allclose(rebuilt(x)[0], shipped(x)[0], atol=1e-5)
        one = build(manifest["name"], checkpoints[:1], [{"input_size": 384}]).eval()(x)[0]
    assert not torch.allclose(one, shipped(x)[0], atol=1e-3)  # a member alone is not the ensemble


def test_a_single_network_or_a_missing_member_is_refused():
    with pytest.raises(ValueError, match="one network"):
        member_state(MODEL_CACHE / "dpiqa_student_mobilenetv2" / "0.3.0", 0)
    with pytest.raises(ValueError, match="members 0..1"):
        member_state(ENSEMBLE, 2)
