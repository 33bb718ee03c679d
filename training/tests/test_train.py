"""The student's training batches: crops at the serving scale, flips, and degraded twins with their levels."""
import numpy as np
import torch

from training.distortions import MAX_LEVEL
from training.train import Recipe, training_batch


def test_batch_holds_crops_then_degraded_twins_of_the_first_crops():
    inputs = {f"img{i}": torch.rand(3, 64, 64).half() for i in range(6)}
    recipe = Recipe(crop=48, degraded_per_batch=2, flip=False)
    x, levels = training_batch(inputs, list(inputs), recipe, np.random.default_rng(0))
    assert x.shape == (6 + 2, 3, 48, 48)
    assert levels.shape == (2,) and ((levels >= 1) & (levels <= MAX_LEVEL)).all()
    # A twin is its source crop degraded: close in content, never identical.
    for twin, source in zip(x[6:], x[:2]):
        assert not torch.equal(twin, source)
        assert (twin - source).abs().mean() < 0.5


def test_crops_come_from_the_image_and_vary_between_steps():
    image = torch.arange(64 * 64, dtype=torch.float32).reshape(1, 64, 64).expand(3, 64, 64) / 4096
    inputs = {"a": image.half()}
    recipe = Recipe(crop=32, degraded_per_batch=0, degradation_weight=0.0, flip=False)
    rng = np.random.default_rng(1)
    crops = [training_batch(inputs, ["a"], recipe, rng)[0][0] for _ in range(4)]
    top_left = {float(c[0, 0, 0]) for c in crops}
    assert len(top_left) > 1  # different windows
    for c in crops:  # each a contiguous window of the image
        assert torch.allclose(c[0, 0, 1] - c[0, 0, 0], torch.tensor(1 / 4096), atol=1e-3)
