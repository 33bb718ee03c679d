import numpy as np
import pytest

from training.evaluation import plots, robustness
from training.tests.conftest import make_test_image

KINDS = ("blur", "noise", "underexposure")
LEVELS = range(4)


@pytest.fixture
def images():
    return [make_test_image(48, seed) for seed in range(2)]


def _report(score_fn, images):
    return robustness.robustness_report(score_fn, images, KINDS, LEVELS)


def test_score_falling_with_level_scores_plus_one(images):
    report = _report(lambda chain: -np.arange(len(chain)), images)
    assert report["overall"] == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in report["per_kind"].values())


def test_score_rising_with_level_scores_minus_one_and_constant_zero(images):
    assert _report(lambda chain: np.arange(len(chain)), images)["overall"] == pytest.approx(-1.0)
    assert _report(lambda chain: np.ones(len(chain)), images)["overall"] == 0.0


def test_chains_are_really_degraded(images):
    # A sharpness measure on the actual chain images must see blur get worse.
    def sharpness(chain):
        return [np.mean(np.abs(np.diff(np.asarray(img.convert("L"), dtype=float), axis=1))) for img in chain]

    report = robustness.robustness_report(sharpness, images, ["blur"], LEVELS)
    assert report["per_kind"]["blur"] == pytest.approx(1.0)
    assert len(report["mean_scores"]["blur"]) == len(LEVELS)


def test_wrong_number_of_scores_rejected(images):
    with pytest.raises(ValueError):
        _report(lambda chain: [0.0], images)


def test_top_mos_test_images(clive_root):
    split = robustness.splits.clive_splits(clive_root, [0])[0]
    picked = robustness.top_mos_test_images(clive_root, split, 5)
    mos_of = dict(robustness.splits.load_clive(clive_root))
    assert len(picked) == 5 and set(picked) <= set(split.test)
    assert min(mos_of[n] for n in picked) >= max(mos_of[n] for n in split.test if n not in picked)


def test_plots_write_png(tmp_path, images):
    rng = np.random.default_rng(0)
    mos = rng.uniform(0, 100, 50)
    result = plots.scatter_plot(mos + rng.normal(0, 10, 50), mos, tmp_path / "scatter.png", "fake model")
    assert result["srcc"] > 0.8
    plots.robustness_plot(_report(lambda chain: -np.arange(len(chain)), images), tmp_path / "robust.png")
    falling = _report(lambda chain: -np.arange(len(chain)), images)
    plots.robustness_grid_plot({"a": falling, "b": _report(lambda chain: np.ones(len(chain)), images)},
                               tmp_path / "grid.png", "two models")
    for name in ("scatter.png", "robust.png", "grid.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
