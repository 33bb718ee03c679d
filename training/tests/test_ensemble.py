"""`MeanOfModels`: weights, members of several input sizes, and what it refuses."""
import pytest
import torch
from torch import nn

from training.data.preprocess import resize_for_model
from training.models.ensemble import MeanOfModels, resize_for_member


class MeanBrightness(nn.Module):
    """Score = the input's mean; map = its mean per pixel block; records the input size it was given."""

    def __init__(self, size: int, view: str = "whole"):
        super().__init__()
        self.dpiqa_config = {"name": "fake", "role": "student", "input_size": size, "input_views": [view]}
        self.seen: list[int] = []

    def forward(self, x):
        self.seen.append(x.shape[-1])
        return x.mean((1, 2, 3)), nn.functional.adaptive_avg_pool2d(x, 4).repeat(1, 3, 1, 1)[:, :8]


def test_weights_are_normalised_and_a_smaller_member_gets_the_input_resized():
    big, small = MeanBrightness(64), MeanBrightness(32)
    ensemble = MeanOfModels([big, small], weights=[3, 1])
    x = torch.rand(2, 3, 64, 64)

    score, _ = ensemble(x)

    assert big.seen == [64] and small.seen == [32]
    assert ensemble.dpiqa_config["input_size"] == 64
    assert [m["weight"] for m in ensemble.dpiqa_config["members"]] == [0.75, 0.25]
    assert torch.allclose(score, 0.75 * x.mean((1, 2, 3)) + 0.25 * resize_for_member(x, 32).mean((1, 2, 3)), atol=1e-6)


def test_a_smaller_member_sees_about_what_a_direct_resize_of_the_photo_would_show():
    torch.manual_seed(0)
    photo = resize_for_model(torch.rand(1, 3, 64, 64), 256, 256)  # detail at every scale the sizes below keep
    direct = resize_for_model(photo, 48, 48)
    served = resize_for_model(photo, 64, 64)  # what the ensemble receives
    error = (resize_for_member(served, 48) - direct).abs().mean()
    assert error < 0.5 * (resize_for_model(served, 48, 48) - direct).abs().mean()  # serving's filter twice blurs


def test_an_equal_weight_ensemble_of_one_size_keeps_the_config_older_servers_read():
    ensemble = MeanOfModels([MeanBrightness(64), MeanBrightness(64)])
    assert "members" not in ensemble.dpiqa_config and ensemble.dpiqa_config["ensemble_of"] == 2
    x = torch.rand(1, 3, 64, 64)
    assert torch.equal(ensemble(x)[0], x.mean((1, 2, 3)))


@pytest.mark.parametrize("members, weights, message", [
    ([MeanBrightness(64), MeanBrightness(32, "native_crop")], None, "native-crop member must take"),
    ([MeanBrightness(64), MeanBrightness(64)], [1.0], "one positive weight per member"),
    ([MeanBrightness(64), MeanBrightness(64)], [1.0, 0.0], "one positive weight per member"),
])
def test_what_cannot_be_averaged_is_refused(members, weights, message):
    with pytest.raises(ValueError, match=message):
        MeanOfModels(members, weights)
