"""The views of `data.preprocess` that Java rebuilds (`ModelViews`): where the native window is cut, when a photo
is enlarged first, and how views stack."""
import pytest
import torch

from training.data.preprocess import at_least, model_views, native_crop, resize_for_model, view_of


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
