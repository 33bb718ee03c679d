"""The views of `data.preprocess` that Java rebuilds (`ModelViews`): where the native window is cut, when a photo
is enlarged first, and how views stack; and the reduced JPEG decode a manifest may allow (`DecodeReduction`)."""
import numpy as np
import pytest
import torch
from PIL import Image

from training.data.preprocess import (at_least, dct_denominator, load_rgb, min_decoded_short_side, model_input,
                                      model_views, native_crop, resize_for_model, view_of)

REDUCTION = {"method": "jpeg_dct_scaling", "min_short_side_ratio": 2}


def test_a_native_crop_is_the_centre_window_at_the_photos_own_pixels():
    x = torch.arange(3 * 7 * 10, dtype=torch.float32).reshape(3, 7, 10)
    crop = native_crop(x, 4, 5)
    assert torch.equal(crop, x[:, 1:5, 2:7])  # (7-4)//2 rows and (10-5)//2 columns off the top-left


def test_a_photo_smaller_than_the_window_is_enlarged_with_its_aspect_first():
    x = torch.rand(3, 10, 20)
    enlarged = at_least(x, 16, 16)
    assert enlarged.shape[-2:] == (16, 32)
    assert torch.allclose(enlarged, resize_for_model(x, 16, 32))
    assert torch.equal(native_crop(x, 16, 16), enlarged[:, :, 8:24])
    assert at_least(x, 10, 20) is x


def test_views_stack_along_channels_in_the_order_named():
    x = torch.rand(3, 40, 50)
    stacked = model_views(x, ["native_crop", "whole"], 16, 16)
    assert stacked.shape == (6, 16, 16)
    assert torch.equal(stacked[:3], native_crop(x, 16, 16)) and torch.equal(stacked[3:], resize_for_model(x, 16, 16))
    with pytest.raises(ValueError, match="unknown input view"):
        view_of(x, "tiles", 16, 16)


def test_the_reduction_keeps_the_short_side_at_least_the_ratio_times_the_input():
    assert min_decoded_short_side(REDUCTION, ["whole"], 384, 384) == 768
    assert min_decoded_short_side(REDUCTION, ["whole", "native_crop"], 384, 384) == 0  # a crop needs own pixels
    assert min_decoded_short_side(None, ["whole"], 384, 384) == 0
    assert [dct_denominator(side, 768) for side in (767, 768, 1535, 1536, 3072, 6144, 9000)] == [1, 1, 1, 2, 4, 8, 8]
    assert dct_denominator(1536, 0) == 1
    with pytest.raises(ValueError, match="decode_reduction"):
        min_decoded_short_side({"method": "jpeg_dct_scaling", "min_short_side_ratio": 0}, ["whole"], 384, 384)


def test_a_large_jpeg_is_decoded_reduced_and_a_png_or_small_jpeg_is_not(tmp_path):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (300, 410, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "photo.jpg", quality=90)
    Image.fromarray(pixels).save(tmp_path / "photo.png")
    assert load_rgb(tmp_path / "photo.jpg", 64).size == (103, 75)  # 300 >= 4 x 64, not 8 x 64: 1/4, sides rounded up
    assert load_rgb(tmp_path / "photo.jpg", 151).size == (410, 300)
    assert load_rgb(tmp_path / "photo.png", 64).size == (410, 300)
    reduced = model_input(tmp_path / "photo.jpg", 32, 32, decode_reduction=REDUCTION)
    full = model_input(tmp_path / "photo.jpg", 32, 32)
    assert reduced.shape == full.shape == (3, 32, 32)
    assert 0 < (reduced - full).abs().mean() < 0.01
