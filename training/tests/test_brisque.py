import numpy as np
import pytest
from scipy import stats

from training.data import distortions, splits
from training.evaluation import metrics
from training.evaluation.baselines import brisque
from training.tests.conftest import make_test_image

HAS_OPENCV = brisque.DEFAULT_BACKEND == "opencv"
BACKENDS = ["numpy"] + (["opencv"] if HAS_OPENCV else [])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("size", [(128, 128), (101, 77)])
def test_features_shape_and_finite(backend, size):
    img = make_test_image(max(size)).crop((0, 0, *size))
    f = brisque.brisque_features(img, backend)
    assert f.shape == (36,)
    assert np.all(np.isfinite(f))


@pytest.mark.skipif(not HAS_OPENCV, reason="cv2.quality (opencv-contrib) not installed")
@pytest.mark.parametrize("name", ["10.png", "1000.JPG"])
def test_numpy_matches_opencv_at_full_scale_on_photos(clive_root, name):
    # Half-scale features differ by design (antialiased vs plain bicubic halving), and on synthetic images the
    # shape fit sits where GGD and AGGD fits drift apart; on photos the full-scale features must agree.
    img = splits.open_image(clive_root, name)
    ours = brisque.brisque_features(img, "numpy")[:18]
    ref = brisque.brisque_features(img, "opencv")[:18]
    assert np.allclose(ours, ref, rtol=0.03, atol=0.005)


def test_mscn_of_flat_image_is_zero():
    assert np.allclose(brisque.mscn_coefficients(np.full((32, 32), 128.0)), 0.0)


@pytest.mark.parametrize("shape", [1.0, 2.0])
def test_ggd_fit_recovers_laplace_and_gauss_shapes(shape):
    rng = np.random.default_rng(0)
    x = rng.laplace(0, 1, 200_000) if shape == 1.0 else rng.normal(0, 3, 200_000)
    fitted, variance = brisque._fit_ggd(x)
    assert fitted == pytest.approx(shape, rel=0.05)
    assert variance == pytest.approx(np.var(x), rel=0.01)


def test_aggd_fit_recovers_asymmetric_gaussian():
    # AGGD with shape 2, left/right std 0.5/2: each side is a half-normal, sides drawn in proportion to their
    # scale so the density is continuous at 0.
    rng = np.random.default_rng(0)
    n, std_l, std_r = 200_000, 0.5, 2.0
    left = rng.random(n) < std_l / (std_l + std_r)
    x = np.abs(rng.normal(size=n)) * np.where(left, -std_l, std_r)
    shape, mean, var_l, var_r = brisque._fit_aggd(x)
    assert shape == pytest.approx(2.0, rel=0.05)
    assert var_l == pytest.approx(std_l**2, rel=0.02) and var_r == pytest.approx(std_r**2, rel=0.02)
    assert mean == pytest.approx(np.mean(x), rel=0.03)


@pytest.mark.parametrize("backend", BACKENDS)
def test_feature_distance_grows_with_blur(test_image, backend):
    ref = brisque.brisque_features(test_image, backend)
    dist = [np.linalg.norm(brisque.brisque_features(distortions.degrade(test_image, "blur", lv), backend) - ref)
            for lv in range(1, distortions.MAX_LEVEL + 1)]
    assert stats.spearmanr(range(len(dist)), dist)[0] > 0.8
    assert dist[-1] > 2 * dist[0]


def test_svr_learns_blur_ranking_on_unseen_image():
    levels = range(distortions.MAX_LEVEL + 1)
    feats, mos = [], []
    for seed in range(4):
        img = make_test_image(96, seed)
        for lv in levels:
            feats.append(brisque.brisque_features(distortions.degrade(img, "blur", lv), "numpy"))
            mos.append(90.0 - 15 * lv)
    model = brisque.fit_svr(np.stack(feats), np.array(mos), backend="numpy", folds=3)
    unseen = make_test_image(96, seed=99)
    scores = model.score_images([distortions.degrade(unseen, "blur", lv) for lv in levels])
    assert metrics.srcc(scores, list(levels)) < -0.8
    assert set(model.params) == {"C", "gamma"}


def test_feature_cache_is_reused(tmp_path, monkeypatch):
    root = tmp_path / "clive"
    (root / "images").mkdir(parents=True)
    names = ["a.png", "b.png"]
    for i, name in enumerate(names):
        make_test_image(64, i).save(root / "images" / name)
    (root / "mos.csv").write_text("image,mos,mos_std,phase\na.png,50,1,x\nb.png,60,1,x\n")
    first = brisque.cached_features(root, names, tmp_path / "cache", "numpy")

    def fail(*_):
        raise AssertionError("features recomputed despite the cache")

    monkeypatch.setattr(brisque, "brisque_features", fail)
    again = brisque.cached_features(root, names[::-1], tmp_path / "cache", "numpy")
    assert np.array_equal(again, first[::-1])


def test_a_split_model_is_fitted_once_however_often_it_is_asked_for(tmp_path, monkeypatch):
    root = tmp_path / "clive"
    (root / "images").mkdir(parents=True)
    names = [f"{i}.png" for i in range(12)]
    for i, name in enumerate(names):
        make_test_image(48, i).save(root / "images" / name)
    (root / "mos.csv").write_text("image,mos\n" + "".join(f"{n},{10 + 6 * i}\n" for i, n in enumerate(names)))
    fits = []
    real_fit = brisque.fit_svr
    monkeypatch.setattr(brisque, "fit_svr", lambda *a, **k: fits.append(1) or real_fit(*a, folds=3, **k))
    first = brisque.train_on_names(root, names, 3, tmp_path / "cache", "numpy")
    assert brisque.train_on_names(root, list(names), 3, tmp_path / "cache", "numpy") is first
    assert len(fits) == 1
    brisque.train_on_names(root, names, 4, tmp_path / "cache", "numpy")  # another seed is another model
    assert len(fits) == 2
