"""The TF.js reader and the width-1.4 MobileNetV2: a round trip through a written graph model, quantisation, the
npm bundle's unwrapping, and (when fetched) nsfwjs's backbone and head matching TF.js's own outputs."""
import base64
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from training.export.model_card import _backbone
from training.models import zoo
from training.models.mobilenetv2 import MobileNetV2, load_tfjs_weights, make_divisible
from training.models.registry import create_model, get_config
from training.models.tfjs import read_graph_model
from training.scripts.fetch_nsfwjs import DESTINATION, WEIGHTS_SHA256, unwrap


def write_graph_model(folder, layers, quantise=False, shards=1):
    """A TF.js graph model of fused convolutions [(op, kernel, bias)], weights float32 or uint8-quantised."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes, entries, blobs = [{"name": "input", "op": "Placeholder"}], [], []
    for i, (op, kernel, bias) in enumerate(layers):
        names = [f"conv{i}/weights", f"conv{i}/bn_offset"]
        nodes.append({"name": f"conv{i}", "op": op, "input": [nodes[-1]["name"], *names]})
        for name, value in zip(names, (kernel, bias)):
            entry = {"name": name, "shape": list(value.shape), "dtype": "float32"}
            if quantise:
                low, scale = float(value.min()), float(np.ptp(value)) / 255 or 1.0
                entry["quantization"] = {"dtype": "uint8", "min": low, "scale": scale}
                blobs.append(np.round((value - low) / scale).astype(np.uint8).tobytes())
            else:
                blobs.append(value.astype("<f4").tobytes())
            entries.append(entry)
    data = b"".join(blobs)
    cut = [len(data) * k // shards for k in range(shards + 1)]
    paths = [f"group1-shard{k + 1}of{shards}" for k in range(shards)]
    for k, path in enumerate(paths):
        (folder / path).write_bytes(data[cut[k]:cut[k + 1]])
    spec = {"format": "graph-model", "modelTopology": {"node": nodes},
            "weightsManifest": [{"paths": paths, "weights": entries}]}
    (folder / "model.json").write_text(json.dumps(spec))
    return folder


def as_tf_layers(model: MobileNetV2):
    """The model's convolutions as TF keeps them: HWIO kernels, HWC1 depthwise kernels."""
    out = []
    for conv in (m for m in model.features.modules() if isinstance(m, torch.nn.Conv2d)):
        w = conv.weight.detach()
        if conv.groups > 1:
            out.append(("FusedDepthwiseConv2dNative", w.permute(2, 3, 0, 1).numpy(), conv.bias.detach().numpy()))
        else:
            out.append(("_FusedConv2D", w.permute(2, 3, 1, 0).numpy(), conv.bias.detach().numpy()))
    return out


def test_width_multiplier_rounds_channels_as_tf_mobilenet_does():
    model = MobileNetV2(width=1.4)
    stem, *blocks, last = model.features
    # TF-Hub's MobileNetV2-1.4: stem 48, stage ends 24 32 48 88 136 224 448, last layer 1792.
    assert stem[-2].out_channels == 48 and last[-2].out_channels == model.out_channels == 1792
    assert sorted({b.block[-1][-1].out_channels for b in blocks}) == [24, 32, 48, 88, 136, 224, 448]
    assert MobileNetV2().out_channels == 1280 and make_divisible(0.35 * 32) == 16 and make_divisible(20) == 24


def test_a_written_graph_model_loads_back_into_the_same_network(tmp_path):
    torch.manual_seed(0)
    source = MobileNetV2(width=0.5).eval()
    for p in source.parameters():
        p.data.normal_(0, 0.1)
    folder = write_graph_model(tmp_path / "model", as_tf_layers(source), shards=3)
    loaded = load_tfjs_weights(MobileNetV2(width=0.5), folder).eval()
    x = torch.rand(2, 3, 96, 96) * 2 - 1
    with torch.no_grad():
        torch.testing.assert_close(loaded(x), source(x))


def test_uint8_weights_are_dequantised_with_min_and_scale(tmp_path):
    kernel = np.linspace(-1, 1, 3 * 3 * 3 * 4, dtype=np.float32).reshape(3, 3, 3, 4)
    bias = np.array([0.5, -0.25, 0.0, 1.0], dtype=np.float32)
    graph = read_graph_model(write_graph_model(tmp_path, [("_FusedConv2D", kernel, bias)], quantise=True))
    [(node, k, b)] = graph.convolutions()
    assert node["name"] == "conv0" and k.shape == (3, 3, 3, 4) and k.dtype == np.float32
    np.testing.assert_allclose(k, kernel, atol=1 / 255)
    np.testing.assert_allclose(b, bias, atol=1.25 / 255)


def test_short_or_long_weight_shards_are_refused(tmp_path):
    folder = write_graph_model(tmp_path, [("_FusedConv2D", np.ones((1, 1, 3, 2), np.float32), np.zeros(2, np.float32))])
    shard = folder / "group1-shard1of1"
    data = shard.read_bytes()
    shard.write_bytes(data[:-4])
    with pytest.raises(ValueError, match="shards end"):
        read_graph_model(folder)
    shard.write_bytes(data + b"\0\0")
    with pytest.raises(ValueError, match="left unread"):
        read_graph_model(folder)


def test_a_network_of_another_shape_is_refused_by_name(tmp_path):
    folder = write_graph_model(tmp_path, as_tf_layers(MobileNetV2(width=0.5)))
    with pytest.raises(ValueError, match="conv0 has shape"):
        load_tfjs_weights(MobileNetV2(width=1.0), folder)


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_unwraps_a_bundle_of_js_modules(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    layers = [("_FusedConv2D", np.arange(6, dtype=np.float32).reshape(1, 1, 3, 2), np.ones(2, np.float32))]
    plain = write_graph_model(tmp_path / "plain", layers, shards=2)
    spec = json.loads((plain / "model.json").read_text())
    (bundle / "model.min.js").write_text(f"module.exports={json.dumps(spec)};")
    for path in spec["weightsManifest"][0]["paths"]:
        encoded = base64.b64encode((plain / path).read_bytes()).decode()
        (bundle / f"{path}.min.js").write_text(f'module.exports="{encoded}";')
    unwrap(bundle, tmp_path / "out")
    [(_, kernel, bias)] = read_graph_model(tmp_path / "out").convolutions()
    np.testing.assert_array_equal(kernel, layers[0][1])
    np.testing.assert_array_equal(bias, layers[0][2])


def test_student_without_fetched_weights_says_how_to_fetch_them(tmp_path, monkeypatch):
    monkeypatch.setattr(zoo, "FETCHED_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="fetch_nsfwjs"):
        create_model("dpiqa_student_mobilenetv2_140")
    score, qmap = create_model("dpiqa_student_mobilenetv2_140", pretrained=False).eval()(torch.rand(1, 3, 128, 128))
    assert score.shape == (1,) and qmap.shape == (1, 8, 64, 64)


@pytest.mark.skipif(not (DESTINATION / "model.json").exists(), reason="run python3 -m training.scripts.fetch_nsfwjs")
def test_fetched_backbone_and_head_match_tfjs_itself():
    golden = json.loads((Path(__file__).parent / "golden" / "nsfwjs_mobilenet_v2_mid.json").read_text())
    graph = read_graph_model(DESTINATION)
    dense = [n for n in graph.nodes if n["op"] == "_FusedMatMul"][0]
    weight, bias = (torch.from_numpy(graph.weights[i].copy()) for i in dense["input"][1:3])
    backbone = load_tfjs_weights(MobileNetV2(width=1.4), DESTINATION).eval()
    pattern = (np.arange(224 * 224 * 3) * 7919 % 1000 / 1000).astype(np.float32).reshape(1, 224, 224, 3)
    with torch.no_grad():
        feat = backbone(torch.from_numpy(pattern).permute(0, 3, 1, 2) * 2 - 1).mean(dim=(2, 3))
        probs = (feat @ weight + bias).softmax(-1)
    torch.testing.assert_close(feat[0], torch.tensor(golden["feat"]), atol=1e-3, rtol=1e-3)
    torch.testing.assert_close(probs[0], torch.tensor(golden["probs"]), atol=1e-4, rtol=0)


def test_model_card_names_the_backbone_it_was_built_on():
    wide = _backbone(get_config("dpiqa_student_mobilenetv2_140"))
    assert "MobileNetV2 1.4" in wide and "nsfwjs 4.4.0" in wide and WEIGHTS_SHA256 in wide
    assert "MobileNetV2 1.0" in _backbone(get_config("dpiqa_student_mobilenetv2"))
