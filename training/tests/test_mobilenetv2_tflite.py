"""The TFLite conversion is right when the converted float backbone still recognises ImageNet objects."""
import numpy as np
import pytest
import torch

from training.data.preprocess import model_input
from training.models.mobilenetv2 import MobileNetV2, SamePad, mobilenetv2_from_tflite
from training.paths import PRETRAINED_DIR
from training.models.tflite import read_tflite
from training.data.splits import CLIVE_ROOT

TFLITE = PRETRAINED_DIR / "tf2_mobilenet_v2_1.0_224_ptq.tflite"
pytestmark = pytest.mark.skipif(not TFLITE.exists(), reason=f"{TFLITE} not available")

# CLIVE photos whose main object is an ImageNet class (checked by eye).
PHOTOS = {"381.png": "electric guitar", "148.png": "trailer truck", "1001.JPG": "jack-o'-lantern"}


@pytest.fixture(scope="module")
def backbone():
    return mobilenetv2_from_tflite(TFLITE).eval()


def test_reader_sees_the_quantised_graph():
    model = read_tflite(TFLITE)
    ops = [op.op for op in model.operators]
    assert ops.count("CONV_2D") == 36 and ops.count("DEPTHWISE_CONV_2D") == 17
    first_conv = model.tensors[model.operators[1].inputs[1]]
    assert first_conv.shape == (32, 3, 3, 3) and first_conv.dtype == np.int8
    assert first_conv.scale.size == 32  # per-output-channel quantisation
    weights = first_conv.dequantize()
    assert np.isfinite(weights).all() and 0.01 < np.abs(weights).max() < 100


def test_rejects_files_that_are_not_tflite(tmp_path):
    bogus = tmp_path / "model.tflite"
    bogus.write_bytes(b"\x00" * 64)
    with pytest.raises(ValueError, match="not a TFLite"):
        read_tflite(bogus)


@pytest.mark.parametrize("name,label", PHOTOS.items())
def test_converted_backbone_classifies_photos(backbone, name, label):
    labels = (PRETRAINED_DIR / "imagenet_labels.txt").read_text().splitlines()
    x = model_input(CLIVE_ROOT / "images" / name, 224, 224)[None] * 2 - 1
    with torch.no_grad():
        top5 = backbone.classify(x).softmax(-1)[0].topk(5).indices.tolist()
    assert any(labels[i].startswith(label) for i in top5), [labels[i] for i in top5]


def test_same_padding_puts_the_extra_pixel_bottom_right():
    x = torch.ones(1, 1, 4, 4)
    padded = SamePad(3, 2)(x)
    assert padded.shape[-2:] == (5, 5)
    assert padded[0, 0, 0].sum() == 4 and padded[0, 0, -1].sum() == 0  # top row kept, bottom row is padding
    assert SamePad(3, 1)(x).shape[-2:] == (6, 6)


def test_feature_map_has_stride_32():
    with torch.no_grad():
        out = MobileNetV2()(torch.zeros(1, 3, 96, 128))
    assert out.shape == (1, 1280, 3, 4)
