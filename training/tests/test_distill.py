"""Distillation: the frozen teacher ensemble, and the student's training loop using it."""
import json
from dataclasses import replace

import numpy as np
import pytest
import torch
from torch import nn

from training.recipes import train_student
from training.models.registry import create_model
from training.export.model_cache import export
from training.recipes.distill import DISTILLED, TeacherEnsemble, load_teacher
from training.recipes.train_teacher import random_window


class ConstantTeacher(nn.Module):
    def __init__(self, value: float):
        super().__init__()
        self.value = value
        self.dropout = nn.Dropout(0.5)  # must stay in eval mode: targets may not be random

    def forward(self, x):
        score = torch.full((x.shape[0],), self.value)
        return self.dropout(score), self.dropout(torch.full((x.shape[0], 8, 64, 64), self.value))


def test_ensemble_averages_its_teachers_and_stays_frozen_in_eval_mode():
    ensemble = TeacherEnsemble([ConstantTeacher(0.2), ConstantTeacher(0.6)])
    ensemble.train()  # a trainer may call this on every module it sees
    assert not any(m.training for m in ensemble.modules())
    score, qmap = ensemble(torch.zeros(3, 3, 32, 32))
    assert torch.allclose(score, torch.full((3,), 0.4)) and torch.allclose(qmap, torch.full((3, 8, 64, 64), 0.4))
    with pytest.raises(ValueError):
        TeacherEnsemble([])


def test_a_teacher_is_a_run_folder_built_as_its_recipe_trained_it_or_a_checkpoint_of_the_named_model(tmp_path):
    model = create_model("dpiqa_student_mobilenetv2", pretrained=False, input_size=96).eval()
    torch.save(model.state_dict(), tmp_path / "best.pt")
    recipe = {"model": "dpiqa_student_mobilenetv2", "model_overrides": {"input_size": 96}}
    (tmp_path / "summary.json").write_text(json.dumps({"recipe": recipe}))
    teacher, weights = load_teacher(tmp_path, "dpiqa_teacher_compact")
    assert weights == tmp_path / "best.pt" and teacher.dpiqa_config["input_size"] == 96 and not teacher.training
    x = torch.rand(2, 3, 96, 96)
    assert torch.equal(teacher(x)[0], model(x)[0])
    from_file, weights = load_teacher(tmp_path / "best.pt", "dpiqa_student_mobilenetv2")
    assert weights == tmp_path / "best.pt" and from_file.dpiqa_config["input_size"] != 96  # the model's own config
    (tmp_path / "unfinished").mkdir()
    with pytest.raises(FileNotFoundError, match="no finished training run"):
        load_teacher(tmp_path / "unfinished", "dpiqa_teacher_compact")


def test_a_teacher_is_a_model_cache_version_as_serving_scores_it_named_by_its_manifest(tmp_path):
    model = create_model("dpiqa_student_mobilenetv2", pretrained=False, input_size=96).eval()
    version = export([], "dpiqa_student_mobilenetv2", "0.0.1", {}, {}, tmp_path, onnx=False, model=model)
    teacher, named_by = load_teacher(version, "dpiqa_teacher_compact")
    assert named_by == version / "manifest.json" and teacher.dpiqa_config["input_size"] == 96
    x = torch.rand(2, 3, 96, 96)
    assert torch.allclose(teacher(x)[0], model(x)[0], atol=1e-5)
    beside_a_run = TeacherEnsemble([teacher, model])  # a shipped teacher and a training run teach together
    assert torch.allclose(beside_a_run(x)[0], model(x)[0], atol=1e-5)


def test_training_refuses_a_teacher_without_a_distillation_weight_and_the_reverse(tmp_path):
    with pytest.raises(ValueError, match="teacher"):
        train_student.train(DISTILLED, 0, tmp_path, teacher=None)
    with pytest.raises(ValueError, match="teacher"):
        train_student.train(train_student.Recipe(), 0, tmp_path, teacher=TeacherEnsemble([ConstantTeacher(0.5)]))


def test_twins_use_only_the_recipe_degradation_kinds(monkeypatch):
    used = []
    real = train_student.degrade_at_scale
    monkeypatch.setattr(train_student, "degrade_at_scale",
                        lambda img, kind, level, scale, rng: used.append(kind) or real(img, kind, level, scale, rng))
    inputs = {f"img{i}": torch.rand(3, 48, 48).half() for i in range(4)}
    recipe = replace(DISTILLED, crop=32, degraded_per_batch=4, degradation_kinds=("noise",))
    train_student.training_batch(inputs, list(inputs), recipe, np.random.default_rng(0))
    assert used == ["noise"] * 4


def test_random_window_cuts_the_same_window_from_every_image():
    x = torch.arange(2 * 16 * 16, dtype=torch.float32).reshape(2, 1, 16, 16)
    window = random_window(x, 8, np.random.default_rng(3))
    assert window.shape == (2, 1, 8, 8)
    assert torch.equal(window[1] - window[0], torch.full((1, 8, 8), 256.0))  # same offsets in both images
    assert torch.equal(window[0, 0, 0, 1:] - window[0, 0, 0, :-1], torch.ones(7))  # contiguous


def test_the_command_line_resumes_an_interrupted_run_only_when_asked(monkeypatch, tmp_path):
    from training.recipes import distill
    seen, weights = [], tmp_path / "best.pt"
    weights.write_bytes(b"weights")
    monkeypatch.setattr(distill, "load_teacher", lambda path, name: (ConstantTeacher(0.5), weights))
    monkeypatch.setattr(distill, "train",
                        lambda recipe, split, out, **kw: seen.append(kw["resume"]) or {"best_epoch": 1})
    for extra in ([], ["--resume"]):
        monkeypatch.setattr("sys.argv", ["distill", "--teacher", str(tmp_path), "--out", str(tmp_path), *extra])
        distill.main()
    assert seen == [False, True]
