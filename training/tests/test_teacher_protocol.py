"""The protocol's merge: medians per model over the finished splits, and every unfinished chain named."""
import json

import numpy as np

from training import teacher_protocol as tp


def chain(out, name, models, split_seed):
    rng = np.random.default_rng(len(name))
    record = {"split_seed": split_seed, "models": {}}
    for model, srcc in models.items():
        record["models"][model] = {"test": {"plcc": srcc + 0.03, "plcc_raw": srcc, "srcc": srcc, "krcc": srcc - 0.2,
                                            "rmse": float(rng.uniform(8, 12))}}
    (out / name).mkdir()
    (out / name / "chain.json").write_text(json.dumps(record))


def test_merge_gives_medians_over_splits_and_names_unfinished_chains(tmp_path):
    complete = ["student", "teacher0", "teacher1", "teachers_mean", "distilled_score", "distilled_score_map"]
    for seed, base in enumerate((0.70, 0.80, 0.75)):
        chain(tmp_path, f"split{seed}", {m: base + 0.01 * i for i, m in enumerate(complete)}, seed)
    chain(tmp_path, "split3", {"student": 0.9}, 3)  # stopped at the deadline after its first model
    chain(tmp_path, "final", {m: 0.5 for m in complete if m != "teachers_mean"}, None)
    report = tp.merge(tmp_path, ["split0", "split1", "split2", "split3", "split4", "final"], [0, 1], 2, 12.0)
    assert report["unfinished"] == ["split3", "split4"]
    assert abs(report["median"]["student"]["srcc"] - 0.775) < 1e-9  # of 0.70, 0.80, 0.75 and split3 0.9
    assert report["median"]["teacher0"]["srcc"] == 0.76  # over the three splits that got that far
    assert "final" in report["chains"] and json.loads((tmp_path / "protocol.json").read_text()) == report
