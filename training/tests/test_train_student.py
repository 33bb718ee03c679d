"""The student's training batches (crops at the serving scale, flips, degraded twins with their levels) and recipes."""
import json
from dataclasses import asdict, replace

import numpy as np
import pytest
import torch

from training.data.distortions import MAX_LEVEL
from training.models.registry import create_model, load_trained
from training.export.model_cache import MODEL_CACHE, version_key
from training.recipes.train_student import PLAIN_384, PRESETS, SHIPPED_MEMBERS, Recipe, recipe_with, training_batch


def test_batch_holds_crops_then_degraded_twins_of_the_first_crops():
    inputs = {f"img{i}": torch.rand(3, 64, 64).half() for i in range(6)}
    recipe = Recipe(crop=48, degraded_per_batch=2, flip=False)
    x, levels, sources, _ = training_batch(inputs, list(inputs), recipe, np.random.default_rng(0))
    assert x.shape == (6 + 2, 3, 48, 48) and sources.tolist() == [0, 1]
    assert levels.shape == (2,) and ((levels >= 1) & (levels <= MAX_LEVEL)).all()
    # A twin is its source crop degraded: close in content, never identical.
    for twin, source in zip(x[6:], x[:2]):
        assert not torch.equal(twin, source)
        assert (twin - source).abs().mean() < 0.5


def test_twins_come_only_from_photos_rated_at_least_the_recipes_minimum():
    inputs = {f"img{i}": torch.rand(3, 32, 32).half() for i in range(6)}
    mos = {"img0": 20.0, "img1": 70.0, "img2": 40.0, "img3": 65.0, "img4": 90.0, "img5": 80.0}
    recipe = Recipe(crop=32, degraded_per_batch=2, twin_min_mos=60.0, flip=False)
    x, levels, sources, _ = training_batch(inputs, list(inputs), recipe, np.random.default_rng(0), mos)
    assert sources.tolist() == [1, 3] and x.shape[0] == 6 + 2 and levels.shape == (2,)
    for twin, source in zip(x[6:], x[sources]):
        assert (twin - source).abs().mean() < 0.5  # each twin is its own source degraded
    x, levels, sources, _ = training_batch(inputs, list(inputs), replace(recipe, twin_min_mos=95.0),
                                        np.random.default_rng(0), mos)
    assert x.shape[0] == 6 and sources.numel() == levels.numel() == 0  # no photo qualifies: no twin


def test_ladder_twins_rank_a_heavier_twin_below_a_lighter_one_of_the_same_source():
    inputs = {f"img{i}": torch.rand(3, 48, 48).half() for i in range(5)}
    recipe = Recipe(crop=48, degraded_per_batch=3, flip=False, twin_ladder=True, degradation_kinds=("blur",))
    x, gaps, refs, _ = training_batch(inputs, list(inputs), recipe, np.random.default_rng(2))
    assert x.shape[0] == 5 + 2 * 3 and refs.tolist() == [0, 1, 2, 5, 6, 7]
    assert ((gaps >= 1) & (gaps <= MAX_LEVEL - 1)).all()
    for source, lighter, heavier in zip(x[:3], x[5:8], x[8:11]):
        # same source, more blur: further from it than the lighter twin, and never the same picture
        assert (heavier - source).abs().mean() > (lighter - source).abs().mean() > 0
    single = training_batch(inputs, list(inputs), replace(recipe, twin_ladder=False), np.random.default_rng(2))
    assert single[0].shape[0] == 5 + 3 and single[2].tolist() == [0, 1, 2]


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


def test_recipe_changes_parse_json_values_and_refuse_unknown_fields():
    recipe = recipe_with(Recipe(), ["epochs=10", "rank_weight=0", 'model_overrides={"input_size": 384}',
                                    'degradation_kinds=["blur"]', "model=dpiqa_student_effnet_b7"])
    assert (recipe.epochs, recipe.rank_weight, recipe.model) == (10, 0, "dpiqa_student_effnet_b7")
    assert recipe.model_overrides == {"input_size": 384} and recipe.degradation_kinds == ("blur",)
    assert Recipe().model_overrides == {}  # the default is not shared with the changed copy
    assert recipe_with(Recipe(), ["model_overrides.input_size=384"]).model_overrides == {"input_size": 384}
    with pytest.raises(SystemExit, match="FIELD=VALUE"):
        recipe_with(Recipe(), ["epoch=10"])
    with pytest.raises(SystemExit, match="FIELD=VALUE"):
        recipe_with(Recipe(), ["epochs"])


def test_a_run_with_model_overrides_reloads_at_its_own_input_size(tmp_path):
    model = create_model("dpiqa_student_mobilenetv2", pretrained=False, input_size=384)
    torch.save(model.state_dict(), tmp_path / "best.pt")
    reloaded = load_trained("dpiqa_student_mobilenetv2", tmp_path / "best.pt", input_size=384)
    assert reloaded.dpiqa_config["input_size"] == 384
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in reloaded.state_dict().items())


def test_presets_are_the_recipes_the_served_student_was_trained_with():
    served = max((MODEL_CACHE / "dpiqa_student_mobilenetv2").iterdir(), key=version_key)
    manifest = json.loads((served / "manifest.json").read_text())
    defaults = json.loads(json.dumps(asdict(Recipe())))  # fields added since a member trained held their defaults
    trained = [defaults | r for r in manifest["metrics"]["recipe"]["ensemble_of"].values()]
    assert trained == [json.loads(json.dumps(asdict(PRESETS[name]))) for name in SHIPPED_MEMBERS]
    assert len(SHIPPED_MEMBERS) == manifest["config"]["ensemble_of"]


def test_preset_changes_leave_the_preset_itself_alone():
    changed = recipe_with(PLAIN_384, ["epochs=2", "model_overrides.input_size=256"])
    assert (changed.epochs, changed.model_overrides, changed.rank_weight) == (2, {"input_size": 256}, 0.0)
    assert (PLAIN_384.epochs, PLAIN_384.model_overrides) == (10, {"input_size": 384})
