"""training.export.golden: the generated tensor case Java recomputes, and the golden.json it writes."""
import json

import torch
from PIL import Image

from training.export.golden import golden_tensor, write_golden


def _lowbias32(i: int) -> int:
    """Wellons' hash in plain Python integers: the reference the vectorised generator must equal."""
    for shift, multiplier in ((16, 0x7FEB352D), (15, 0x846CA68B)):
        i = ((i ^ (i >> shift)) * multiplier) & 0xFFFFFFFF
    return i ^ (i >> 16)


def test_golden_tensor_is_the_integer_hash_java_recomputes():
    x = golden_tensor((2, 3, 5, 7))
    assert x.dtype == torch.float32 and x.shape == (2, 3, 5, 7)
    flat = x.flatten().double().tolist()
    assert flat == [(_lowbias32(i) >> 8) / 2 ** 24 for i in range(len(flat))]
    assert 0.0 <= min(flat) and max(flat) < 1.0 and len(set(flat)) == len(flat)


class _MeanModel(torch.nn.Module):
    def forward(self, x: torch.Tensor):
        return x.mean(dim=(1, 2, 3)), x[:, :1].repeat(1, 8, 1, 1)


def test_write_golden_records_image_and_generated_tensor_cases(tmp_path):
    model = torch.jit.script(_MeanModel())
    write_golden(model, 16, tmp_path, {"img_0.png": Image.new("RGB", (20, 12), (255, 0, 0))})
    golden = json.loads((tmp_path / "golden.json").read_text())
    assert (tmp_path / "img_0.png").is_file() and not list(tmp_path.glob("*.f32"))
    assert abs(golden["cases"][0]["score"] - 1 / 3) < 1e-6  # pure red: one channel of three at 1.0
    tensor = golden["tensor_case"]
    assert tensor["generator"] == "lowbias32" and tensor["shape"] == [2, 3, 16, 16]
    assert tensor["scores"] == [float(s) for s in golden_tensor((2, 3, 16, 16)).mean(dim=(1, 2, 3))]
