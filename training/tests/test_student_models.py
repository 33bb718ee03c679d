"""Registry, model contract and TorchScript export of the students."""
import pytest
import torch

from training.models.registry import create_model, get_config, list_models, parse_overrides, preprocessing_of


def test_registry_lists_both_students_and_refuses_unknown_names():
    assert {"dpiqa_student_mobilenetv2", "dpiqa_student_effnet_b7"} <= set(list_models())
    with pytest.raises(KeyError, match="unknown model 'nope'"):
        create_model("nope")


def test_config_overrides_merge_nested_sections():
    config = get_config("dpiqa_student_mobilenetv2", input_size=256, head={"mlp_hidden": 32})
    assert config["input_size"] == 256 and config["head"]["mlp_hidden"] == 32
    assert config["head"]["map_channels"] == 8  # untouched keys survive
    assert get_config("dpiqa_student_mobilenetv2")["input_size"] == 512  # defaults are not mutated


def test_parse_overrides_nests_sections_and_reads_json_values():
    assert parse_overrides(["unet.weights=/w/unet.bin", "timestep=10", "qfd.mlp_hidden=[8]"]) == {
        "unet": {"weights": "/w/unet.bin"}, "timestep": 10, "qfd": {"mlp_hidden": [8]}}


def test_preprocessing_metadata_comes_from_the_config():
    meta = preprocessing_of(get_config("dpiqa_student_mobilenetv2"))
    assert meta["input"]["height"] == meta["input"]["width"] == 512
    assert meta["input"]["value_range"] == [0.0, 1.0]
    assert meta["preprocessing"]["resize"] == "bilinear_antialias"
    assert "decode_reduction" not in meta["preprocessing"]  # full-size decoding unless a config asks


def test_a_config_declares_its_decode_reduction_only_for_whole_photo_inputs():
    reduction = {"method": "jpeg_dct_scaling", "min_short_side_ratio": 2}
    config = {**get_config("dpiqa_student_mobilenetv2"), "decode_reduction": reduction}
    assert preprocessing_of(config)["preprocessing"]["decode_reduction"] == reduction
    with pytest.raises(ValueError, match="every input view to be whole"):
        preprocessing_of({**config, "input_views": ["whole", "native_crop"]})


@pytest.mark.parametrize("name,size", [("dpiqa_student_mobilenetv2", 96), ("dpiqa_student_effnet_b7", 64)])
def test_student_honours_the_output_contract_when_scripted(name, size):
    model = create_model(name, pretrained=False).eval()
    scripted = torch.jit.script(model)
    x = torch.rand(2, 3, size, size)
    with torch.no_grad():
        score, qmap = scripted(x)
        eager_score, _ = model(x)
    assert score.shape == (2,) and qmap.shape == (2, 8, 64, 64)
    assert ((score >= 0) & (score <= 1)).all() and torch.isfinite(qmap).all()
    assert torch.allclose(score, eager_score, atol=1e-6)


def test_effnet_b7_refuses_a_state_dict_of_another_architecture(tmp_path):
    wrong = tmp_path / "weights.pth"
    torch.save({"conv.weight": torch.zeros(1)}, wrong)
    with pytest.raises(ValueError, match="not a torchvision efficientnet_b7"):
        create_model("dpiqa_student_effnet_b7", backbone_weights=str(wrong))


def test_effnet_b7_has_the_papers_backbone_size():
    backbone = create_model("dpiqa_student_effnet_b7", pretrained=False).backbone
    params = sum(p.numel() for p in backbone.parameters())
    assert 60e6 < params < 65e6  # torchvision efficientnet_b7 features: ~63.8 M


def test_mobilenetv2_student_reads_all_three_stages():
    model = create_model("dpiqa_student_mobilenetv2", pretrained=False)
    assert [conv.in_channels for conv in model.head.reduce] == [32, 96, 1280]  # strides 8, 16, 32
    score, _ = model(torch.rand(2, 3, 96, 96))
    score.sum().backward()
    # Every tap reaches the score: an early stage silently dropped from the sum would get no gradient.
    assert all(conv.weight.grad.abs().sum() > 0 for conv in model.head.reduce)
