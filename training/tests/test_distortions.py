import io

import numpy as np
import pytest
from PIL import Image

from training.data import distortions
from training.data.distortions import MAX_LEVEL, degrade

LEVELS = range(MAX_LEVEL + 1)


def _array(img):
    return np.asarray(img, dtype=np.float64)


def _high_freq_energy(img):
    gray = _array(img.convert("L"))
    return float(np.mean(np.diff(gray, axis=0) ** 2) + np.mean(np.diff(gray, axis=1) ** 2))


def _strictly_decreasing(values):
    return all(a > b for a, b in zip(values, values[1:]))


@pytest.mark.parametrize("kind", distortions.KINDS)
def test_level_zero_is_identity_and_higher_levels_change_the_image(test_image, kind):
    assert np.array_equal(_array(degrade(test_image, kind, 0)), _array(test_image))
    for level in LEVELS[1:]:
        assert not np.array_equal(_array(degrade(test_image, kind, level)), _array(test_image))


@pytest.mark.parametrize("kind", distortions.KINDS)
def test_deterministic_given_seed(test_image, kind):
    a = degrade(test_image, kind, 3, np.random.default_rng(7))
    b = degrade(test_image, kind, 3, np.random.default_rng(7))
    assert np.array_equal(_array(a), _array(b))


@pytest.mark.parametrize("kind", ["blur", "downscale"])
def test_blur_like_kinds_remove_high_frequencies_monotonically(test_image, kind):
    assert _strictly_decreasing([_high_freq_energy(degrade(test_image, kind, lv)) for lv in LEVELS])


def test_jpeg_file_size_drops_with_level(test_image):
    def png_size(img):  # lossless size measures how much detail is left
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        return buf.tell()

    assert _strictly_decreasing([png_size(degrade(test_image, "jpeg", lv)) for lv in LEVELS])


def test_jpeg_error_grows_with_level(test_image):
    errors = [np.mean((_array(degrade(test_image, "jpeg", lv)) - _array(test_image)) ** 2) for lv in LEVELS]
    assert errors == sorted(errors) and errors[-1] > errors[1]


def test_noise_error_grows_with_level(test_image):
    errors = [np.std(_array(degrade(test_image, "noise", lv, np.random.default_rng(0))) - _array(test_image))
              for lv in LEVELS]
    assert errors == sorted(errors) and errors[-1] > 20


def test_exposure_moves_brightness_monotonically(test_image):
    dark = [_array(degrade(test_image, "underexposure", lv)).mean() for lv in LEVELS]
    bright = [_array(degrade(test_image, "overexposure", lv)).mean() for lv in LEVELS]
    assert _strictly_decreasing(dark)
    assert _strictly_decreasing(bright[::-1])


def test_rejects_unknown_kind_and_level(test_image):
    with pytest.raises(ValueError):
        degrade(test_image, "sharpen", 1)
    with pytest.raises(ValueError):
        degrade(test_image, "blur", MAX_LEVEL + 1)


def test_grayscale_input_becomes_rgb(test_image):
    assert degrade(test_image.convert("L"), "blur", 2).mode == "RGB"


def test_degrading_at_a_larger_scale_keeps_the_size_and_thins_the_noise_as_serving_s_reduction_would():
    img = Image.fromarray(np.full((48, 64, 3), 128, np.uint8))
    same = distortions.degrade_at_scale(img, "noise", 3, 1.0, np.random.default_rng(0))
    assert np.array_equal(np.asarray(same), np.asarray(distortions.degrade(img, "noise", 3, np.random.default_rng(0))))
    spread = {}
    for scale in (1.0, 4.0):
        twin = distortions.degrade_at_scale(img, "noise", 3, scale, np.random.default_rng(0))
        assert twin.size == img.size
        spread[scale] = np.asarray(twin, dtype=np.float64).std()
    assert 0 < spread[4.0] < spread[1.0] / 2  # averaged over ~16 pixels: about a quarter of the noise
    with pytest.raises(ValueError, match="scale"):
        distortions.degrade_at_scale(img, "noise", 3, 0.5)
