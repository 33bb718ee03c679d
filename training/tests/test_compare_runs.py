"""Recipes compared from their runs' held-out predictions: common splits only, paired differences, the ensemble."""
import json

import numpy as np
import pytest

from training.evaluation import metrics
from training.scripts.compare_runs import compare, lead_over

MOS = {f"p{i}.jpg": float(10 * i) for i in range(10)}


def write_run(root, seed, predictions, split_seed="same"):
    folder = root / f"seed{seed}"
    folder.mkdir(parents=True)
    summary = {"split_seed": seed if split_seed == "same" else split_seed, "recipe": {"epochs": seed},
               "test_predictions": predictions}
    (folder / "summary.json").write_text(json.dumps(summary))


def test_recipes_are_compared_on_the_splits_all_of_them_finished(tmp_path):
    rng = np.random.default_rng(0)
    perfect = dict(MOS)
    noisy = {n: m + rng.normal(0, 30) for n, m in MOS.items()}
    for seed in (0, 1):
        write_run(tmp_path / "a", seed, noisy)
        write_run(tmp_path / "b", seed, perfect)
    write_run(tmp_path / "b", 2, perfect)  # only b finished split 2
    write_run(tmp_path / "a", 3, noisy, split_seed=None)  # trained on all images: nothing to compare

    report = compare({"a": tmp_path / "a", "b": tmp_path / "b"}, MOS)

    assert report["seeds"] == [0, 1]
    assert report["median"]["b"]["srcc"] == pytest.approx(1.0)
    assert report["median"]["a"]["srcc"] < 0.95
    assert report["srcc_minus_a"]["b"]["0"] == pytest.approx(1.0 - report["per_split"]["a"]["0"]["srcc"])
    ensemble = {n: (noisy[n] + perfect[n]) / 2 for n in MOS}
    expected = metrics.evaluate_predictions(np.array([ensemble[n] for n in sorted(MOS)]), [MOS[n] for n in sorted(MOS)])
    assert report["per_split"]["ensemble"]["1"]["srcc"] == pytest.approx(expected["srcc"])


def test_recipes_without_a_common_split_are_refused(tmp_path):
    write_run(tmp_path / "a", 0, MOS)
    write_run(tmp_path / "b", 1, MOS)
    with pytest.raises(SystemExit, match="no split is finished"):
        compare({"a": tmp_path / "a", "b": tmp_path / "b"}, MOS)


def write_protocol(path, models_per_split):
    """A training.evaluation.teacher_protocol report holding `models_per_split` ({split: {model: predictions}}) and a chain
    trained on all images, which has nothing to compare."""
    recipes = {"student_recipe": {"epochs": 8}, "teacher_recipe": {"lr_unet": 3e-4}, "variants": {}}
    chains = {f"split{s}": {"split_seed": s, **recipes,
                            "models": {m: {"test_predictions": p} for m, p in models.items()}}
              for s, models in models_per_split.items()}
    chains["final"] = {"split_seed": None, **recipes, "models": {"teacher0": {}}}
    path.write_text(json.dumps({"chains": chains}))


def test_a_protocol_reports_models_compare_with_runs_on_their_common_splits(tmp_path):
    rng = np.random.default_rng(1)
    noisy = {n: m + rng.normal(0, 30) for n, m in MOS.items()}
    write_protocol(tmp_path / "protocol.json", {0: {"teacher0": dict(MOS), "student": noisy}, 1: {"student": noisy}})
    write_run(tmp_path / "a", 0, noisy)
    write_run(tmp_path / "a", 1, noisy)

    report = compare({"a": tmp_path / "a", "teacher": tmp_path / "protocol.json:teacher0"}, MOS)

    assert report["seeds"] == [0]  # the teacher finished split 0 only
    assert report["median"]["teacher"]["srcc"] == pytest.approx(1.0)
    assert report["recipes"]["teacher"]["recipe"] == {"lr_unet": 3e-4}
    with pytest.raises(SystemExit, match="no split with a tested 'teacher1'"):
        compare({"t": tmp_path / "protocol.json:teacher1"}, MOS)


def test_a_report_keeps_the_predictions_it_compared_so_it_can_be_compared_again_without_the_runs(tmp_path):
    rng = np.random.default_rng(2)
    noisy = {n: m + rng.normal(0, 30) for n, m in MOS.items()}
    # Not perfect predictions: a logistic fit to those is degenerate. Even here the fit stops at slightly different
    # points from one call to the next under tcmalloc (as CI runs it), so PLCC and RMSE are compared to 1e-4.
    close = {n: m + rng.normal(0, 3) for n, m in MOS.items()}
    for seed in (0, 1):
        write_run(tmp_path / "a", seed, noisy)
        write_run(tmp_path / "b", seed, close)
    first = compare({"a": tmp_path / "a", "b": tmp_path / "b"}, MOS)
    (tmp_path / "report.json").write_text(json.dumps(first))

    again = compare({"a": tmp_path / "report.json:a", "b": tmp_path / "report.json:b"}, MOS)

    assert again["seeds"] == [0, 1]
    for name, rows in first["per_split"].items():
        for seed, row in rows.items():
            assert again["per_split"][name][seed] == pytest.approx(row, rel=1e-4)
    assert again["recipes"]["a"]["recipe"] == {"epochs": 0}


def test_weights_move_the_ensemble_towards_the_heavier_recipe(tmp_path):
    rng = np.random.default_rng(3)
    noisy = {n: m + rng.normal(0, 40) for n, m in MOS.items()}
    write_run(tmp_path / "a", 0, noisy)
    write_run(tmp_path / "b", 0, dict(MOS))
    recipes = {"a": tmp_path / "a", "b": tmp_path / "b"}

    equal, towards_b = compare(recipes, MOS), compare(recipes, MOS, weights=[1, 9])

    expected = metrics.evaluate_predictions(np.array([(noisy[n] + 9 * MOS[n]) / 10 for n in sorted(MOS)]),
                                            [MOS[n] for n in sorted(MOS)])
    assert towards_b["per_split"]["ensemble"]["0"]["srcc"] == pytest.approx(expected["srcc"])
    assert towards_b["per_split"]["ensemble"]["0"]["srcc"] > equal["per_split"]["ensemble"]["0"]["srcc"]
    assert "weighted 1:9" in towards_b["ensemble"]
    with pytest.raises(SystemExit, match="1 weights for 2 recipes"):
        compare(recipes, MOS, weights=[1])


def test_the_lead_over_a_published_model_is_per_split_on_the_splits_both_have(tmp_path):
    rng = np.random.default_rng(4)
    for seed in (0, 1):
        write_run(tmp_path / "a", seed, {n: m + rng.normal(0, 20) for n, m in MOS.items()})
    report = compare({"a": tmp_path / "a"}, MOS)
    published = tmp_path / "eval.json"
    published.write_text(json.dumps({"student": {"per_seed": [{"seed": 0, "srcc": 0.5, "plcc": 0.5},
                                                              {"seed": 2, "srcc": 0.9, "plcc": 0.9}]}}))

    lead = lead_over(report, published)

    assert list(lead["per_split"]) == ["0"]
    assert lead["per_split"]["0"]["srcc"] == pytest.approx(report["per_split"]["ensemble"]["0"]["srcc"] - 0.5)
    assert lead["splits_ahead"] == int(lead["per_split"]["0"]["srcc"] > 0)
