"""training.scripts.last_epoch: split runs re-tested from `last.pt`, beside the epoch their validation part chose."""
import json

import numpy as np
import pytest
import torch

from training.data import splits
from training.evaluation import metrics
from training.models.registry import create_model
from training.scripts.last_epoch import check
from training.recipes.train_student import load_inputs, predict

pytestmark = pytest.mark.skipif(not (splits.CLIVE_ROOT / "mos.csv").exists(), reason="CLIVE images not available")

TEST = ["1001.JPG", "10.png", "t1.png", "1002.JPG", "1003.JPG"]
SIZE = 64  # a small input keeps the test fast; the run's recipe carries it as training does


def write_run(folder, split_seed, seed):
    folder.mkdir(parents=True)
    torch.manual_seed(seed)
    model = create_model("dpiqa_student_mobilenetv2", pretrained=False, input_size=SIZE)
    torch.save({"model": model.state_dict()}, folder / "last.pt")
    recipe = {"model": "dpiqa_student_mobilenetv2", "model_overrides": {"input_size": SIZE}}
    summary = {"split_seed": split_seed, "recipe": recipe, "best_epoch": 3,
               "test": {"srcc": 0.5 + seed / 10, "plcc": 0.6}, "test_predictions": {n: 50.0 for n in TEST}}
    (folder / "summary.json").write_text(json.dumps(summary))
    return model


def test_each_split_run_is_scored_from_its_last_checkpoint_and_summarised(tmp_path):
    mos = dict(splits.load_clive())
    models = {seed: write_run(tmp_path / "runs" / f"seed{seed}", seed, seed) for seed in (0, 1)}
    write_run(tmp_path / "runs" / "seed9", None, 9)  # trained on all images: no test part
    (tmp_path / "runs" / "seed5").mkdir()  # unfinished: nothing to score

    report = check([tmp_path / "runs"], mos)[str(tmp_path / "runs")]

    assert [r["split_seed"] for r in report["splits"]] == [0, 1]
    inputs = load_inputs(TEST, SIZE)
    for row, model in zip(report["splits"], models.values()):
        expected = metrics.evaluate_predictions(predict(model, inputs, sorted(TEST)), [mos[n] for n in sorted(TEST)])
        assert row["last"]["srcc"] == pytest.approx(expected["srcc"])
    assert report["median"]["best"]["srcc"] == pytest.approx(np.median([0.5, 0.6]))
