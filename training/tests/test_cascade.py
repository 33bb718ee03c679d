"""bench/cascade.py: which images the teacher re-scores, and what the cascade costs and scores."""
import json

import numpy as np
import pytest

from bench import cascade
from training.scripts.compare_runs import compare


def test_borderline_means_within_the_band_of_either_verdict_threshold():
    student = np.array([10.0, 38.0, 45.0, 50.0, 57.0, 61.0, 90.0])
    assert cascade.borderline(student, 3.0).tolist() == [False, True, False, False, True, True, False]
    assert not cascade.borderline(student, 0.0).any()


def test_a_verdict_follows_the_thresholds_and_agreement_counts_images_whose_verdict_is_the_mos_one():
    assert cascade.verdicts(np.array([0.0, 39.9, 40.0, 59.9, 60.0, 100.0])).tolist() == [0, 0, 1, 1, 2, 2]
    mos = np.array([10.0, 50.0, 70.0, 45.0])
    assert cascade.verdict_agreement(np.array([30.0, 41.0, 61.0, 61.0]), mos) == 0.75  # the last crossed 60


def test_sweep_runs_from_student_only_to_teacher_only_and_prices_the_teacher_share():
    rng = np.random.default_rng(0)
    mos = rng.uniform(5, 95, 200)
    teacher = mos + rng.normal(0, 5, 200)  # the better model
    student = np.clip(mos + rng.normal(0, 15, 200), 0, 100)  # a score is a MOS: within 40 of a threshold
    costs = {"cpu": {"student": 50.0, "teacher": 500.0}}
    rows = cascade.sweep(student, teacher, mos, costs)
    first, last = rows[0], rows[-1]
    assert first["band"] == 0 and first["cost_cpu"] == pytest.approx(0.1 + cascade.borderline(student, 0).mean())
    assert last["to_teacher"] == 1.0 and last["cost_cpu"] == pytest.approx(1.1)
    assert last["srcc"] > first["srcc"]  # the teacher's scores replaced the student's
    assert last["verdicts"] == cascade.verdict_agreement(teacher, mos) > first["verdicts"]
    assert all(a["to_teacher"] <= b["to_teacher"] for a, b in zip(rows, rows[1:]))


def test_other_routings_send_as_many_images_as_the_band_chosen_by_their_priority():
    rng = np.random.default_rng(1)
    mos = rng.uniform(5, 95, 300)
    teacher = mos + rng.normal(0, 3, 300)
    student = np.clip(mos + rng.normal(0, 15, 300), 0, 100)
    routes = {"oracle": np.abs(student - mos), "random": rng.random(300)}  # the oracle knows the student's error
    rows = cascade.sweep(student, teacher, mos, {"cpu": {"student": 1.0, "teacher": 10.0}}, routes)
    assert rows[0]["srcc_oracle"] == rows[0]["srcc_random"] == rows[0]["srcc"]  # nothing sent
    assert rows[-1]["srcc_oracle"] == rows[-1]["srcc_random"] == rows[-1]["srcc"]  # everything sent
    middle = [r for r in rows if 0.1 < r["to_teacher"] < 0.5]
    assert middle and all(r["srcc_oracle"] > r["srcc_random"] for r in middle)
    assert cascade.top(np.array([3.0, 1.0, 2.0]), 2).tolist() == [True, False, True]


def test_routes_compare_member_disagreement_only_when_the_student_has_members():
    one = cascade.routes_for([np.array([50.0, 60.0])], seed=0)
    two = cascade.routes_for([np.array([50.0, 60.0]), np.array([54.0, 60.0])], seed=0)
    assert set(one) == {"random"} and two["disagreement"].tolist() == [2.0, 0.0]
    assert np.array_equal(one["random"], two["random"])  # seeded by the split


def report_with(rows):
    return {"costs_ms": {"cpu": {"student": 50.0, "teacher": 500.0}}, "student_only_srcc": 0.78,
            "teacher_only_srcc": 0.80, "student_only_verdicts": 0.70, "teacher_only_verdicts": 0.72, "splits": 5, "thresholds": (40.0, 60.0), "goal": cascade.GOAL, "median": rows,
            "bands_meeting_goal": {"cpu": [r["band"] for r in rows if r["cost_cpu"] <= 0.2 and r["srcc_of_teacher"] >= 0.99]}}


def test_the_section_recommends_a_band_only_when_one_meets_the_goal():
    class Args:
        latency, student, teacher = [], ["p.json:student"], "p.json:teacher0"
    row = {"to_teacher": 0.05, "srcc": 0.795, "plcc": 0.83, "verdicts": 0.71}
    cheap = report_with([{**row, "band": 0.0, "cost_cpu": 0.1, "srcc_of_teacher": 0.975},
                         {**row, "band": 2.0, "cost_cpu": 0.15, "srcc_of_teacher": 0.995}])
    assert "Recommended default: band 2 MOS (cpu)" in cascade.section(cheap, Args, [])
    assert "agreeing with the MOS's: student only 70.0%, teacher only 72.0%" in cascade.section(cheap, Args, [])
    dear = report_with([{**row, "band": 0.0, "cost_cpu": 0.1, "srcc_of_teacher": 0.975},
                        {**row, "band": 6.0, "cost_cpu": 0.5, "srcc_of_teacher": 0.99}])
    text = cascade.section(dear, Args, [])
    level = report_with([{**row, "band": 0.0, "cost_cpu": 0.12, "srcc_of_teacher": 1.004},
                         {**row, "band": 2.0, "cost_cpu": 0.25, "srcc_of_teacher": 1.007}])
    assert "met by the student alone" in cascade.section(level, Args, [])
    assert "Recommended default: the cascade off" in cascade.section(level, Args, [])
    assert "not met" in text and "the cascade off" in text and "narrowest band reaching 99% is 6 MOS" in text


def test_predictions_come_from_runs_and_reports_alike_averaged_on_the_splits_all_have(tmp_path):
    mos = {f"p{i}.jpg": 10.0 * i for i in range(5)}
    for name, offset, seeds in (("a", 0.0, (0, 1)), ("b", 10.0, (1, 2))):
        for seed in seeds:
            folder = tmp_path / name / f"seed{seed}"
            folder.mkdir(parents=True)
            predictions = {n: m + offset + (n == "p0.jpg") * 30 for n, m in mos.items()}
            (folder / "summary.json").write_text(json.dumps(
                {"split_seed": seed, "recipe": {}, "test_predictions": predictions}))
    (tmp_path / "compared.json").write_text(json.dumps(compare({"a": tmp_path / "a", "b": tmp_path / "b"}, mos)))

    mean = cascade.mean_held_out([cascade.held_out(tmp_path / "a"), cascade.held_out(tmp_path / "b")])

    assert mean == {1: {n: m + 5.0 + (n == "p0.jpg") * 30 for n, m in mos.items()}}
    assert cascade.held_out(tmp_path / "compared.json:ensemble") == mean
