"""`training.evaluation.student_protocol --from-protocol`: a protocol run's split models reported like a local
evaluation, and the model card saying where the figures came from."""
import json
from pathlib import Path

import numpy as np
import pytest

from training.evaluation import student_protocol
from training.export.model_card import student_card

NAMES = [f"img{i}.png" for i in range(12)]
MOS = {n: 20.0 + 5 * i for i, n in enumerate(NAMES)}
RECIPE = {"crop": 384, "epochs": 8, "batch_size": 16, "lr_backbone": 1e-4, "lr_head": 5e-4, "weight_decay": 0.01,
          "rank_weight": 0.5, "degradation_weight": 0.25, "degraded_per_batch": 4, "margin_per_level": 0.02,
          "val_fraction": 0.1, "degradation_kinds": ["blur", "overexposure"]}
SHIPPED = Path(__file__).resolve().parents[2] / "model-cache" / "dpiqa_student_mobilenetv2" / "0.2.0" / "manifest.json"


def metrics(srcc):
    return {"plcc": srcc + 0.03, "plcc_raw": srcc + 0.01, "srcc": srcc, "krcc": srcc - 0.2, "rmse": 10.0}


def protocol(tmp_path, srccs):
    rng = np.random.default_rng(0)
    chains = {f"split{seed}": {"split_seed": seed, "student_recipe": RECIPE, "models": {"student": {
        "best_epoch": seed + 3, "test": metrics(srcc),
        "test_predictions": {n: MOS[n] + float(rng.normal(0, 5)) for n in NAMES},
        "robustness": {"per_kind": {"blur": 1.0, "overexposure": 0.5 + 0.1 * seed}, "overall": 0.8}}}}
        for seed, srcc in enumerate(srccs)}
    chains["final"] = {"split_seed": None, "student_recipe": RECIPE, "models": {"student": {"best_epoch": 8}}}
    path = tmp_path / "protocol.json"
    path.write_text(json.dumps({"chains": chains, "device": "NVIDIA H200", "torch": "2.11.0"}))
    return path


def brisque_report(tmp_path, seeds):
    path = tmp_path / "student_eval.json"
    path.write_text(json.dumps({"seeds": seeds, "brisque": {"median": metrics(0.5), "per_seed": []},
                                "robustness": {"brisque": {"per_kind": {"blur": 0.7, "overexposure": 0.4},
                                                           "overall": 0.5}}}))
    return path


@pytest.fixture(autouse=True)
def clive(monkeypatch):
    monkeypatch.setattr(student_protocol.splits, "load_clive", lambda: list(MOS.items()))


def test_protocol_models_are_reported_with_medians_selection_and_source(tmp_path):
    out = tmp_path / "reports"
    report = student_protocol.from_protocol(protocol(tmp_path, [0.70, 0.80, 0.75]), "student",
                                            brisque_report(tmp_path, [0, 1, 2]), (0,), out, "student_x",
                                            "Copies were JPEG.")
    assert report["student"]["median"]["srcc"] == 0.75
    assert [(r["seed"], r["best_epoch"]) for r in report["student"]["per_seed"]] == [(0, 3), (1, 4), (2, 5)]
    assert report["selection"]["unseen_seeds"] == [1, 2]
    assert report["selection"]["unseen_median"]["srcc"] == pytest.approx(0.775)
    assert report["robustness"]["student"]["per_kind"]["overexposure"] == pytest.approx(0.6)
    assert report["robustness"]["brisque"]["per_kind"]["blur"] == 0.7
    assert report["recipe"] == RECIPE and report["source"]["device"] == "NVIDIA H200"
    assert json.loads((out / "student_x_eval.json").read_text()) == report
    assert (out / report["scatter"]).stat().st_size > 0


def test_brisque_rows_must_come_from_the_same_splits(tmp_path):
    with pytest.raises(ValueError, match="covers splits"):
        student_protocol.from_protocol(protocol(tmp_path, [0.7, 0.8]), "student", brisque_report(tmp_path, [0, 1, 2]),
                                       (), tmp_path, "x")


def test_card_of_a_protocol_report_names_the_run_instead_of_a_local_evaluation(tmp_path):
    report = student_protocol.from_protocol(protocol(tmp_path, [0.70, 0.80, 0.75]), "student",
                                            brisque_report(tmp_path, [0, 1, 2]), (0,), tmp_path, "student_x",
                                            "Copies were JPEG.")
    card = student_card(json.loads(SHIPPED.read_text()), report)
    assert "on NVIDIA H200 (torch 2.11.0)" in card and "Copies were JPEG." in card
    assert "--from-protocol <its protocol.json> --model student --seen-seeds 0" in card
    assert "training.evaluation.student_protocol --seeds" not in card
    assert "`reports/student_x_scatter.png`" in card
    assert "blur or over-exposure" in card  # the kinds of the protocol's recipe, not the legacy four


def test_when_every_split_was_seen_the_report_says_why_and_the_card_claims_no_untouched_median(tmp_path):
    why = "choosing among three 384 px recipes"
    report = student_protocol.from_protocol(protocol(tmp_path, [0.70, 0.80]), "student",
                                            brisque_report(tmp_path, [0, 1]), (0, 1), tmp_path, "x", seen_why=why)
    assert report["selection"] == {"seen_seeds": [0, 1], "unseen_seeds": [], "why": why}
    card = student_card(json.loads(SHIPPED.read_text()), report)
    assert f"were looked at while {why}, so those splits are not untouched: no split is" in card
    assert "untouched splits" not in card and f"--seen-why '{why}'" in card
