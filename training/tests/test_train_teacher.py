"""The teacher's training entry point on a tiny SD1.5-layout teacher and a handful of CLIVE photos."""
import json
from dataclasses import replace

import pytest

from training.recipes import train_teacher as tt

from .test_teacher_models import TINY_SD15

RECIPE = replace(tt.RECIPES["dpiqa_teacher_sd15"], epochs=2, batch_size=2)
TINY = {**TINY_SD15, "input_size": 64}


def run(out, resume=False):
    return tt.train_teacher("dpiqa_teacher_sd15", RECIPE, TINY, split_seed=0, out_dir=out, resume=resume,
                            pretrained=False, limit=4)


def test_an_interrupted_run_resumes_to_the_same_result(clive_root, tmp_path, monkeypatch):
    straight = run(tmp_path / "straight")
    assert straight["images"] == {"train": 4, "val": 4, "test": 4} and len(straight["history"]) == 2
    assert json.loads((tmp_path / "straight" / "summary.json").read_text())["test"] == straight["test"]

    calls = {"n": 0}
    real_predict = tt.predict

    def predict_then_crash_in_epoch_2(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_predict(*args, **kwargs)
    monkeypatch.setattr(tt, "predict", predict_then_crash_in_epoch_2)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "resumed")
    calls["n"] = 10  # no more crashes; count what the resumed run predicts
    resumed = run(tmp_path / "resumed", resume=True)
    assert calls["n"] == 10 + 2  # epoch 2's validation and the test: epoch 1 was not trained again
    assert resumed["test_predictions"] == pytest.approx(straight["test_predictions"], abs=1e-4)


def test_parameter_groups_give_the_unet_its_own_learning_rate():
    teacher = tt.create_model("dpiqa_teacher_sd15", pretrained=False, **TINY)
    groups = {g["name"]: g for g in tt.parameter_groups(teacher, RECIPE)}
    assert groups["unet"]["lr"] == RECIPE.lr_unet and groups["new"]["lr"] == RECIPE.lr_new
    assert sum(len(g["params"]) for g in groups.values()) == len([p for p in teacher.parameters() if p.requires_grad])
    assert not any(p is q for p in groups["new"]["params"] for q in teacher.encoder.parameters())
