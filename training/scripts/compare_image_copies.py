"""How much re-encoded copies of CLIVE change a trained student's test figures: each split's `best.pt` scored on
its test part from the original files and from the copies (same names, e.g. the JPEG q89 copies that carried the
data to a GPU machine). Used to tell whether figures measured on copies compare with figures on the originals.

    python3 -m training.scripts.compare_image_copies --copies /tmp/clive-q89 --write-copies 89 \
        --runs training/runs --out reports/image_copies_effect.json

`--write-copies Q` first makes the copies: every PNG re-encoded as JPEG quality Q with 4:4:4 chroma under its own
name (images are opened by content, and splits depend on names), JPEGs copied as they are.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import torch

from training.data import splits
from training.evaluation import metrics
from training.data.preprocess import model_input
from training.models.registry import load_trained


def test_figures(model: torch.nn.Module, root: Path, names: tuple[str, ...], mos: dict[str, float]) -> dict:
    size = model.dpiqa_config["input_size"]
    with torch.no_grad():
        pred = torch.cat([model(torch.stack([model_input(root / "images" / n, size, size) for n in names[i:i + 16]]))[0]
                          for i in range(0, len(names), 16)]).numpy() * 100
    return metrics.evaluate_predictions(pred, [mos[n] for n in names])


def write_copies(dst: Path, quality: int) -> None:
    (dst / "images").mkdir(parents=True, exist_ok=True)
    for name in ("mos.csv", "README.md"):
        shutil.copyfile(splits.CLIVE_ROOT / name, dst / name)
    for path in sorted((splits.CLIVE_ROOT / "images").iterdir()):
        if path.suffix.lower() == ".png":
            splits.open_image(splits.CLIVE_ROOT, path.name).save(dst / "images" / path.name, "JPEG", quality=quality,
                                                                 subsampling=0)
        else:
            shutil.copyfile(path, dst / "images" / path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=Path, required=True, help="a CLIVE folder (mos.csv, images/) of copies")
    parser.add_argument("--runs", type=Path, default=Path("training/runs"), help="holds seed<N>/best.pt")
    parser.add_argument("--model", default="dpiqa_student_mobilenetv2")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(splits.DEFAULT_SEEDS))
    parser.add_argument("--write-copies", type=int, metavar="QUALITY", help="make the copies first (JPEG quality)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.write_copies is not None:
        write_copies(args.copies, args.write_copies)
    mos = dict(splits.load_clive())
    report = {"copies": f"PNGs as JPEG q{args.write_copies} 4:4:4, JPEGs as they are" if args.write_copies else str(args.copies),
              "per_seed": {}}
    for seed in args.seeds:
        model = load_trained(args.model, args.runs / f"seed{seed}" / "best.pt")
        test = splits.make_split(list(mos), seed).test
        report["per_seed"][seed] = {tag: test_figures(model.eval(), root, test, mos)
                                    for tag, root in (("original", splits.CLIVE_ROOT), ("copies", args.copies))}
        print(json.dumps({seed: {t: round(m["srcc"], 4) for t, m in report["per_seed"][seed].items()}}), flush=True)
    report["median"] = {tag: metrics.median_over_seeds([r[tag] for r in report["per_seed"].values()])
                        for tag in ("original", "copies")}
    print(json.dumps(report["median"], indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
