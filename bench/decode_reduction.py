"""How much a reduced JPEG decode moves a model's scores, per DCT scale, to choose and check `min_short_side_ratio`.

Each photo (PNGs are first saved as JPEG quality 92 in a temporary folder: DCT scaling needs a JPEG) is scored
decoded at full size and at every DCT scale 1/2, 1/4, 1/8, whatever the rule would choose, so the score shift can
be read against how many pixels the reduced photo keeps (its short side over the input's: the ratio the rule
bounds). With --clive-split, also the held-out CLIVE part of that split scored with and without the model's rule
(SRCC both ways, and how many photos the rule reduced). With --reencode instead, a yardstick for those shifts:
each PNG scored as it is and as its JPEG (quality 92, decoded at full size), the change a high-quality re-encode by
an upload pipeline or CDN makes.

    /usr/bin/python3 -m bench.decode_reduction MODEL_DIR OUT.json --photos DIR [--photos DIR ...] [--clive-split 0]
    /usr/bin/python3 -m bench.decode_reduction MODEL_DIR OUT.json --photos DIR --reencode
"""
import argparse
import json
import math
import statistics
import tempfile
from pathlib import Path

import torch
from PIL import Image
from scipy.stats import spearmanr

from training.data import splits
from training.data.preprocess import (DCT_DENOMINATORS, DCT_SCALING, load_rgb, min_decoded_short_side, model_views,
                                      to_tensor)

QUALITY = 92


def as_jpeg(path: Path, folder: Path) -> Path:
    if path.suffix.lower() in (".jpg", ".jpeg"):
        return path
    out = folder / (path.stem + ".jpg")
    with Image.open(path) as img:
        img.convert("RGB").save(out, quality=QUALITY)
    return out


def mos(model, path: Path, size: int, min_short_side: int) -> float:
    x = model_views(to_tensor(load_rgb(path, min_short_side)), ["whole"], size, size)
    return float(model(x[None])[0][0]) * 100


def photo_shifts(model, photos: list[Path], size: int) -> list[dict]:
    rows = []
    for path in photos:
        with Image.open(path) as img:
            short = min(img.size)
        full = mos(model, path, size, 0)
        for denominator in DCT_DENOMINATORS:
            # The smallest min_short_side that still lets this denominator be chosen.
            reduced = mos(model, path, size, short // denominator)
            rows.append({"photo": path.name, "short_side": short, "denominator": denominator,
                         "ratio": math.ceil(short / denominator) / size, "mos_full": full, "mos_reduced": reduced,
                         "shift": reduced - full})
    return rows


def reencode_shifts(model, pngs: list[Path], folder: Path, size: int) -> list[dict]:
    rows = []
    for png in pngs:
        original, jpeg = mos(model, png, size, 0), mos(model, as_jpeg(png, folder), size, 0)
        rows.append({"photo": png.name, "mos_png": original, "mos_jpeg": jpeg, "shift": jpeg - original})
    return rows


def clive_check(model, size: int, seed: int, rule: dict) -> dict:
    mos_of = dict(splits.load_clive())
    test = splits.make_split(list(mos_of), seed).test
    root = splits.CLIVE_ROOT / "images"
    minimum = min_decoded_short_side(rule, ["whole"], size, size)
    full = [mos(model, root / n, size, 0) for n in test]
    ruled = [mos(model, root / n, size, minimum) for n in test]
    reduced = sum(load_rgb(root / n, minimum).size != load_rgb(root / n).size for n in test)
    labels = [mos_of[n] for n in test]
    return {"split": seed, "images": len(test), "reduced_by_rule": reduced,
            "srcc_full": spearmanr(full, labels).correlation, "srcc_rule": spearmanr(ruled, labels).correlation,
            "max_abs_shift": max(abs(a - b) for a, b in zip(full, ruled))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--photos", type=Path, action="append", default=[])
    parser.add_argument("--clive-split", type=int)
    parser.add_argument("--ratio", type=int, default=2, help="the rule checked on CLIVE")
    parser.add_argument("--reencode", action="store_true", help="only the re-encode yardstick, of the PNGs")
    args = parser.parse_args()
    torch.set_num_threads(2)
    manifest = json.loads((args.model_dir / "manifest.json").read_text())
    size = manifest["input"]["height"]
    model = torch.jit.load(str(args.model_dir / "model.pt")).eval()
    result = {"model": f"{manifest['name']}/{manifest['version']}", "input": size, "png_as_jpeg_quality": QUALITY}
    with tempfile.TemporaryDirectory() as tmp, torch.no_grad():
        sources = [p for folder in args.photos for p in sorted(folder.iterdir())
                   if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
        if args.reencode:
            rows = reencode_shifts(model, [p for p in sources if p.suffix.lower() == ".png"], Path(tmp), size)
            shifts = [r["shift"] for r in rows]
            print(f"re-encode as JPEG q{QUALITY}, {len(rows)} photos: mean shift {statistics.mean(shifts):+.3f} MOS, "
                  f"mean abs {statistics.mean(map(abs, shifts)):.3f}, max abs {max(map(abs, shifts)):.3f}")
            args.out.write_text(json.dumps({**result, "reencode": rows}, indent=2) + "\n")
            return
        rows = photo_shifts(model, [as_jpeg(p, Path(tmp)) for p in sources], size)
        if args.clive_split is not None:
            rule = {"method": DCT_SCALING, "min_short_side_ratio": args.ratio}
            result["clive"] = clive_check(model, size, args.clive_split, rule)
    result["photos"] = rows
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print("| scale | photos | short side / input (min-max) | mean shift MOS | mean abs shift | max abs shift |")
    print("|---|---|---|---|---|---|")
    for denominator in sorted(DCT_DENOMINATORS):
        part = [r for r in rows if r["denominator"] == denominator]
        if part:
            shifts = [r["shift"] for r in part]
            print(f"| 1/{denominator} | {len(part)} | {min(r['ratio'] for r in part):.2f}-"
                  f"{max(r['ratio'] for r in part):.2f} | {statistics.mean(shifts):+.3f} | "
                  f"{statistics.mean(map(abs, shifts)):.3f} | {max(map(abs, shifts)):.3f} |")
    if "clive" in result:
        print(json.dumps(result["clive"]))


if __name__ == "__main__":
    main()
