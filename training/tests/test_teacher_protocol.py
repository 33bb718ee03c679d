"""The protocol's merge: medians per model over the finished splits, and every unfinished chain named."""
import json

import numpy as np

from training.evaluation import teacher_protocol as tp
from training.evaluation.student_protocol import protocol_recipe
from training.recipes.train_student import SHIPPED_MEMBERS


def chain(out, name, models, split_seed):
    rng = np.random.default_rng(len(name))
    record = {"split_seed": split_seed, "models": {}}
    for model, srcc in models.items():
        record["models"][model] = {"test": {"plcc": srcc + 0.03, "plcc_raw": srcc, "srcc": srcc, "krcc": srcc - 0.2,
                                            "rmse": float(rng.uniform(8, 12))}}
    (out / name).mkdir()
    (out / name / "chain.json").write_text(json.dumps(record))


def test_merge_gives_medians_over_splits_and_names_unfinished_chains(tmp_path):
    complete = [*tp.STUDENTS, "student", "teacher0", "teacher1", "teachers_mean", "distilled_score",
                "distilled_score_map"]
    bases = (0.70, 0.80, 0.75)
    for seed, base in enumerate(bases):
        chain(tmp_path, f"split{seed}", {m: base + 0.01 * i for i, m in enumerate(complete)}, seed)
    chain(tmp_path, "split3", {"student": 0.9}, 3)  # stopped at the deadline after its first model
    chain(tmp_path, "final", {m: 0.5 for m in complete if m not in ("student", "teachers_mean")}, None)
    report = tp.merge(tmp_path, ["split0", "split1", "split2", "split3", "split4", "final"], [0, 1], 2, 12.0)
    assert report["unfinished"] == ["split3", "split4"]
    student, teacher = (0.01 * complete.index(m) for m in ("student", "teacher0"))
    # the student's median takes in split3's 0.9; the teacher's only the three splits that got that far
    assert abs(report["median"]["student"]["srcc"] - np.median([b + student for b in bases] + [0.9])) < 1e-9
    assert abs(report["median"]["teacher0"]["srcc"] - np.median([b + teacher for b in bases])) < 1e-9
    assert "final" in report["chains"] and json.loads((tmp_path / "protocol.json").read_text()) == report


def test_the_protocol_trains_the_served_students_members_and_distils_at_their_input_size():
    assert list(tp.STUDENTS) == list(SHIPPED_MEMBERS)
    assert all(v.model_overrides == tp.STUDENTS[tp.PLAIN].model_overrides for v in tp.VARIANTS.values())
    assert tp.VARIANTS["score_map"].degradation_weight == 0 < tp.VARIANTS["score_map"].distill_weight


def test_protocol_recipe_finds_the_student_its_members_and_the_distilled_variants():
    chain_record = {"student_recipe": {"ensemble_of": {"plain384": {"epochs": 10}, "exposure_twins384": {"epochs": 9}}},
                    "variants": {"score_map": {"distill_weight": 1.0}}}
    assert protocol_recipe(chain_record, "student") == chain_record["student_recipe"]
    assert protocol_recipe(chain_record, "exposure_twins384") == {"epochs": 9}
    assert protocol_recipe(chain_record, "distilled_score_map") == {"distill_weight": 1.0}
    legacy = {"student_recipe": {"epochs": 8}, "variants": {}}  # protocols run before the student was an ensemble
    assert protocol_recipe(legacy, "student") == {"epochs": 8}
