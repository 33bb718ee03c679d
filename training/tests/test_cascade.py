"""bench/cascade.py: which images the teacher re-scores, and what the cascade costs and scores."""
import numpy as np
import pytest

from bench import cascade


def test_borderline_means_within_the_band_of_either_verdict_threshold():
    student = np.array([10.0, 38.0, 45.0, 50.0, 57.0, 61.0, 90.0])
    assert cascade.borderline(student, 3.0).tolist() == [False, True, False, False, True, True, False]
    assert not cascade.borderline(student, 0.0).any()


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
    assert all(a["to_teacher"] <= b["to_teacher"] for a, b in zip(rows, rows[1:]))
