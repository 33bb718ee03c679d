"""The out-of-domain protocol: its degradations act as named and stay independent of the training generator,
and its report scores every model on the same chains."""
import json
import subprocess
import sys

import cv2
import numpy as np
import pytest
import torch

from training.evaluation import robustness
from training.export.model_cache import MODEL_CACHE
from training.evaluation.ood import degradations, photos, protocol
from training.evaluation.ood.degradations import KINDS, MAX_LEVEL, degrade
from training.tests.conftest import make_test_image

LEVELS = range(MAX_LEVEL + 1)


@pytest.fixture
def photo():
    return np.asarray(make_test_image(160, seed=3))


def _error(a, b):
    return float(np.abs(a.astype(np.float64) - b).mean())


def test_the_generator_imports_nothing_of_training_s_own():
    # Run in a fresh interpreter: the point is what importing the generator pulls in, not what this test run holds.
    # `training.evaluation` itself is a package without code, imported on the way to its `ood`.
    code = ("import sys, training.evaluation.ood.degradations, training.evaluation.ood.photos; "
            "print(sorted(m for m in sys.modules if m.startswith('training.') and m != 'training.evaluation'"
            " and not m.startswith('training.evaluation.ood')))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                       text=True).stdout.replace("'", '"'))
    assert loaded == ["training.paths"]  # the repository's location, nothing that makes or learns degradations


@pytest.mark.parametrize("kind", KINDS)
def test_level_zero_is_the_photo_and_every_step_changes_it_more(kind):
    photo = np.asarray(make_test_image(640, seed=3))  # spatial steps are fractions of the size: a real-sized photo
    rng = np.random.default_rng(0)
    chain = [degrade(photo, kind, level, rng) for level in LEVELS]
    assert np.array_equal(chain[0], photo)
    if kind == "double_jpeg":  # re-encoded by a site that also shrinks uploads by 10 %
        assert all(img.shape == (576, 576, 3) for img in chain[1:])
        return
    errors = [_error(img, photo) for img in chain]
    assert all(img.shape == photo.shape and img.dtype == np.uint8 for img in chain)
    assert errors == sorted(errors) and errors[1] > 0, errors


def test_exposure_is_monotone_in_linear_light(photo):
    dark = [degrade(photo, "underexposure", lv, None).mean() for lv in LEVELS]
    bright = [degrade(photo, "overexposure", lv, None).mean() for lv in LEVELS]
    assert dark == sorted(dark, reverse=True) and bright == sorted(bright)
    assert np.array_equal(degradations.from_linear(degradations.to_linear(photo)), photo)  # exact sRGB round trip


def test_noise_is_reproducible_with_its_seed_and_chromatic(photo):
    a = degrade(photo, "sensor_noise", 3, np.random.default_rng(7))
    b = degrade(photo, "sensor_noise", 3, np.random.default_rng(7))
    assert np.array_equal(a, b)
    delta = a.astype(np.float64) - photo
    assert np.abs(delta[..., 0] - delta[..., 1]).mean() > 1  # not the same noise in every channel


def test_spatial_severity_follows_the_photo_size():
    small = np.asarray(make_test_image(160, seed=1))
    large = cv2.resize(small, (640, 640), interpolation=cv2.INTER_CUBIC)  # the same scene, 4x the pixels

    def reduced(img):
        return cv2.resize(img, (160, 160), interpolation=cv2.INTER_AREA).astype(np.float64)

    for kind in ("defocus", "motion"):
        # A level blurs the large photo by 4x the pixels, so seen at the small size both look alike.
        seen_large = _error(reduced(degrade(large, kind, 5, None)), reduced(large))
        seen_small = _error(degrade(small, kind, 5, None), small)
        assert 0.6 < seen_large / seen_small < 1.6, (kind, seen_large, seen_small)


def test_bad_arguments_are_refused(photo):
    with pytest.raises(ValueError, match="unknown degradation"):
        degrade(photo, "sharpen", 1, None)
    with pytest.raises(ValueError, match="level"):
        degrade(photo, "jpeg", MAX_LEVEL + 1, None)
    with pytest.raises(ValueError, match="uint8"):
        degrade(photo.astype(np.float32), "jpeg", 1, None)


def test_every_score_function_sees_the_same_chains_made_once(photo):
    made = []

    def counting_degrade(img, kind, level, rng):
        made.append((kind, level))
        return degrade(img, kind, level, rng)

    seen = {"a": [], "b": []}

    def scorer(name):
        def score(chain):
            seen[name].append(chain)
            return [-lv for lv in range(len(chain))]
        return score

    reports = robustness.robustness_reports({"a": scorer("a"), "b": scorer("b")}, [photo], ("jpeg", "motion"),
                                            LEVELS, 0, counting_degrade)
    assert len(made) == 2 * len(LEVELS)
    assert all(x is y for x, y in zip(seen["a"], seen["b"]))
    assert reports["a"]["per_kind"] == {"jpeg": 1.0, "motion": 1.0} and reports["b"]["overall"] == 1.0


def test_a_served_model_scores_chains_through_its_manifest_s_preprocessing(photo):
    served = protocol.served_models()
    assert served and all("/" in m for m in served)
    student = next(m for m in served if "student" in m)
    score = protocol.model_score_fn(MODEL_CACHE / student, protocol._ModelInputs())
    chain = [degrade(photo, "defocus", lv, None) for lv in (0, 5)]
    scores = score(chain)
    assert len(scores) == 2 and all(0 <= s <= 100 for s in scores) and scores[0] != scores[1]


def test_the_jpeg_delivery_decodes_each_upload_as_its_manifest_says():
    # 0.4.1 is 0.4.0's weights with decode_reduction declared: a 1600 px photo's upload is decoded at half size.
    big = np.asarray(make_test_image(1600, seed=5))
    chain = [big, degrade(big, "defocus", 3, None)]

    def scores(version, delivery):
        model_dir = MODEL_CACHE / "dpiqa_student_mobilenetv2" / version
        return protocol.model_score_fn(model_dir, protocol._ModelInputs(delivery))(chain)
    assert scores("0.4.0", "array") == scores("0.4.1", "array")
    full, reduced = scores("0.4.0", "jpeg"), scores("0.4.1", "jpeg")
    assert full != reduced and max(abs(a - b) for a, b in zip(full, reduced)) < 5
    with pytest.raises(ValueError, match="delivery"):
        protocol._ModelInputs("png")


def test_a_model_whose_preprocessing_is_not_serving_s_is_refused(tmp_path):
    manifest = json.loads((MODEL_CACHE / protocol.served_models()[0] / "manifest.json").read_text())
    manifest["preprocessing"]["resize"] = "bicubic"
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="preprocessing"):
        protocol.model_score_fn(tmp_path, protocol._ModelInputs())


def test_the_report_table_and_provenance():
    report = {"kinds": ["jpeg", "motion"], "models": {
        "m/1.0": {"per_kind": {"jpeg": 0.5, "motion": 1.0}, "overall": 0.75}}}
    assert protocol.table(report).splitlines()[2] == "| m/1.0 | +0.50 | +1.00 | +0.750 |"
    record = photos.provenance()
    assert record["licence"] == "GPL-2+" and len(record["photos"]) == len(photos.PHOTOS)
    assert len({p["name"] for p in record["photos"]}) == len(photos.PHOTOS)  # one cached file per photo
