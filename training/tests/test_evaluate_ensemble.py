"""`training.evaluation.student_protocol --ensemble`: several recipes' split models reported as one model, the mean
of their scores."""
import json

import numpy as np
import pytest
import torch

from training.evaluation import metrics, student_protocol
from training.tests.conftest import make_test_image

NAMES = [f"p{i}.jpg" for i in range(10)]
MOS = {n: 10.0 * i for i, n in enumerate(NAMES)}


class ConstantModel(torch.nn.Module):
    """Scores every image `score` (0-1), as a trained student's (score, qmap) output."""

    def __init__(self, score: float):
        super().__init__()
        self.score = torch.nn.Parameter(torch.tensor(score))
        self.dpiqa_config = {"input_size": 32}

    def forward(self, x):
        return self.score.expand(x.shape[0]), None


def write_run(root, seed, predictions, score, val_fraction=0.1):
    folder = root / f"seed{seed}"
    folder.mkdir(parents=True)
    recipe = {"model": "dpiqa_student_mobilenetv2", "val_fraction": val_fraction, "model_overrides": {},
              "score": score}  # "score": read back by the fake loader below
    (folder / "summary.json").write_text(json.dumps({"split_seed": seed, "recipe": recipe, "best_epoch": seed + 2,
                                                     "test_predictions": predictions}))


@pytest.fixture
def scored(monkeypatch):
    """Captures the score function each split's robustness is measured with."""
    monkeypatch.setattr(student_protocol.splits, "load_clive", lambda: list(MOS.items()))
    monkeypatch.setattr(student_protocol, "load_trained", lambda name, path, **overrides: ConstantModel(
        json.loads((path.parent / "summary.json").read_text())["recipe"]["score"]))
    captured = []

    def fake_robustness(score, seed, val_fraction):
        captured.append(score)
        return {"robustness": {}, "brisque_robustness": {}}
    monkeypatch.setattr(student_protocol, "split_robustness", fake_robustness)
    return captured


def test_an_ensemble_split_is_the_mean_of_its_members_predictions_and_scores(tmp_path, scored):
    rng = np.random.default_rng(0)
    noisy = {n: m + float(rng.normal(0, 30)) for n, m in MOS.items()}
    write_run(tmp_path / "a", 1, MOS, score=0.2)
    write_run(tmp_path / "b", 1, noisy, score=0.6)

    row = student_protocol.ensemble_seed([tmp_path / "a", tmp_path / "b"], 1)

    mean = [(MOS[n] + noisy[n]) / 2 for n in NAMES]
    assert row["test"]["srcc"] == pytest.approx(metrics.evaluate_predictions(mean, list(MOS.values()))["srcc"])
    assert row["predictions"]["p3.jpg"] == pytest.approx((MOS["p3.jpg"] + noisy["p3.jpg"]) / 2)
    assert row["best_epoch"] == [3, 3]
    assert scored[0]([make_test_image(), make_test_image(seed=1)]) == pytest.approx([40.0, 40.0])


def test_members_trained_on_different_splits_are_refused(tmp_path, scored):
    write_run(tmp_path / "a", 0, MOS, score=0.2)
    write_run(tmp_path / "b", 0, MOS, score=0.6, val_fraction=0.2)  # another validation part: another split
    with pytest.raises(ValueError, match="same split"):
        student_protocol.ensemble_seed([tmp_path / "a", tmp_path / "b"], 0)
