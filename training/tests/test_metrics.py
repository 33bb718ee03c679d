import numpy as np
import pytest
from scipy import stats

from training.evaluation import metrics


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_perfect_monotone_and_reversed_ranks():
    x = np.arange(20.0)
    assert metrics.srcc(x**3, x) == pytest.approx(1.0)
    assert metrics.krcc(x**3, x) == pytest.approx(1.0)
    assert metrics.srcc(-x, x) == pytest.approx(-1.0)
    assert metrics.krcc(-x, x) == pytest.approx(-1.0)


def test_krcc_matches_scipy_with_ties(rng):
    pred = rng.integers(0, 5, 50).astype(float)
    mos = rng.normal(size=50)
    assert metrics.krcc(pred, mos) == pytest.approx(stats.kendalltau(pred, mos)[0])


def test_logistic_mapping_improves_plcc_for_nonlinear_monotone_relation(rng):
    pred = rng.uniform(-3, 3, 200)
    mos = 100 / (1 + np.exp(-4 * pred)) + rng.normal(0, 1, 200)  # sigmoid: monotone, far from linear
    result = metrics.evaluate_predictions(pred, mos)
    assert result["plcc_raw"] < 0.95
    assert result["plcc"] > 0.99
    assert result["plcc"] > result["plcc_raw"]
    assert result["rmse"] < 2.0  # noise sigma is 1; raw predictions are on a different scale entirely


def test_logistic_fit_handles_negative_correlation(rng):
    pred = rng.uniform(0, 10, 100)
    mos = 80 - 60 / (1 + np.exp(-(pred - 5))) + rng.normal(0, 0.5, 100)
    assert metrics.plcc(pred, mos) > 0.99  # the mapping absorbs the sign


def test_failed_fit_falls_back_to_raw_with_warning():
    pred = np.ones(10)  # constant predictions: no curve to fit
    with pytest.warns(RuntimeWarning, match="logistic fit failed"):
        mapped = metrics.map_logistic(pred, np.arange(10.0))
    assert np.array_equal(mapped, pred)


def test_rejects_bad_input():
    with pytest.raises(ValueError):
        metrics.srcc([1, 2, 3], [1, 2])
    with pytest.raises(ValueError):
        metrics.srcc([1, np.nan, 3], [1, 2, 3])


def test_median_over_seeds_uses_common_keys():
    runs = [{"srcc": s, "plcc": p, "extra": 1.0} for s, p in [(0.1, 0.5), (0.3, 0.4), (0.2, 0.9)]]
    runs[0].pop("extra")
    assert metrics.median_over_seeds(runs) == {"plcc": 0.5, "srcc": 0.2}


def test_mean_test_figures_score_the_per_photo_mean_of_several_models():
    mos = {"a.jpg": 20.0, "b.jpg": 50.0, "c.jpg": 80.0, "d.jpg": 60.0}
    x = {"a.jpg": 10.0, "b.jpg": 70.0, "c.jpg": 60.0, "d.jpg": 40.0}
    y = {"d.jpg": 80.0, "c.jpg": 100.0, "b.jpg": 30.0, "a.jpg": 30.0}  # order of keys does not matter
    mean = metrics.mean_test_figures([x, y], mos)
    assert mean["test_predictions"] == {"a.jpg": 20.0, "b.jpg": 50.0, "c.jpg": 80.0, "d.jpg": 60.0}
    assert mean["test"]["srcc"] == 1.0 and metrics.mean_test_figures([x], mos)["test"]["srcc"] < 1.0
