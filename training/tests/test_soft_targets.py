"""Teacher targets computed ahead for a twin pool's views: exact stand-ins for a live teacher, keyed by content."""
from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from training.recipes.distill import DISTILLED
from training.recipes.soft_targets import SoftTargets, pool_views, view_key
from training.recipes.train_student import pooled_twin, render_view, teacher_targets, train, training_batch

SIZE = 48
RECIPE = replace(DISTILLED, crop=SIZE, twin_pool=3, degraded_per_batch=4)


class PixelTeacher(nn.Module):
    """Outputs that depend on every pixel, so a target looked up for the wrong view shows."""

    def __init__(self):
        super().__init__()
        self.gain = nn.Parameter(torch.tensor(1.0))
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        weights = torch.linspace(0.5, 1.5, x.shape[-1])  # left and right differ: a mirror changes the score
        score = (x * weights).mean((1, 2, 3)) * self.gain
        return score, F.interpolate(x[:, :1], size=(64, 64)).expand(-1, 8, -1, -1) * self.gain


@pytest.fixture
def inputs():
    torch.manual_seed(0)
    return {f"p{i}.jpg": torch.rand(3, SIZE, SIZE).half() for i in range(6)}


def test_a_pooled_twin_is_fixed_by_photo_and_index_and_drawn_from_the_recipe_kinds():
    recipe = replace(RECIPE, degradation_kinds=("blur", "noise"))
    assert pooled_twin("a.jpg", 1, recipe) == pooled_twin("a.jpg", 1, recipe)
    pool = [pooled_twin("a.jpg", i, recipe) for i in range(20)]
    assert len(set(pool)) == 20 and {kind for kind, *_ in pool} == {"blur", "noise"}
    assert pooled_twin("b.jpg", 1, recipe) != pool[1]


def test_every_image_of_a_pooled_batch_is_its_view_rendered_again(inputs):
    x, gaps, refs, views = training_batch(inputs, list(inputs), RECIPE, np.random.default_rng(4))
    assert len(views) == x.shape[0] == 6 + 4 and [v[2] for v in views[:6]] == [-1] * 6
    assert any(v[1] for v in views) and all(0 <= v[2] < 3 for v in views[6:])
    for image, view in zip(x, views):
        assert torch.equal(render_view(inputs[view[0]], view, RECIPE), image)
    assert set(views) <= set(pool_views(list(inputs), RECIPE))
    assert training_batch(inputs, list(inputs), replace(RECIPE, twin_pool=0), np.random.default_rng(4))[3] is None


def test_targets_looked_up_are_what_the_live_teacher_gives_and_a_refill_labels_nothing(inputs, tmp_path):
    teacher = PixelTeacher()
    targets = SoftTargets(inputs, RECIPE, tmp_path / "t.pt")
    assert targets.fill(teacher, pool_views(list(inputs), RECIPE), batch_size=5) == 6 * 2 * 4

    x, _, _, views = training_batch(inputs, list(inputs), RECIPE, np.random.default_rng(1))
    live_score, live_map = teacher(x)
    score, qmap = teacher_targets(targets, x, views)
    assert torch.allclose(score, live_score, atol=1e-6) and torch.allclose(qmap, live_map, atol=2e-3)  # fp16 maps

    again = SoftTargets(inputs, RECIPE, tmp_path / "t.pt")  # a resumed run reads the file
    assert again.fill(teacher, pool_views(list(inputs), RECIPE)) == 0
    assert torch.equal(again(views)[0], score)
    with pytest.raises(KeyError, match="never labelled"):
        again([("p0.jpg", False, 7)])


def test_a_changed_photo_or_pool_is_a_new_key(inputs):
    view = ("p0.jpg", True, 1)
    key = view_key(inputs["p0.jpg"], view, RECIPE)
    assert view_key(inputs["p1.jpg"], view, RECIPE) != key
    assert view_key(inputs["p0.jpg"], view, replace(RECIPE, degradation_kinds=("jpeg",))) != key
    assert view_key(inputs["p0.jpg"], ("p0.jpg", False, 1), RECIPE) != key
    assert view_key(inputs["p0.jpg"].clone(), view, RECIPE) == key  # content, not identity


def test_training_refuses_pools_it_cannot_label_exactly(tmp_path):
    with pytest.raises(ValueError, match="needs crop = input size"):
        train(replace(DISTILLED, twin_pool=2, crop=256), 0, tmp_path, teacher=PixelTeacher())
    with pytest.raises(ValueError, match="set recipe.twin_pool"):
        train(DISTILLED, 0, tmp_path, teacher=SoftTargets({}, DISTILLED, tmp_path / "t.pt"))
