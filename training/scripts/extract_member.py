"""One member of a shipped ensemble as a training checkpoint, so a new ensemble can reuse it unchanged.

An exported student that averages several networks (`models.ensemble.MeanOfModels`) keeps each member's weights
under `members.<i>.` in its TorchScript file; the networks trained on all photos are not kept elsewhere. This
writes member `i`'s state dict, loadable by `registry.load_trained` and `training.export.model_cache --checkpoint`.

    python3 -m training.scripts.extract_member model-cache/dpiqa_student_mobilenetv2/0.4.0 --member 0 \
        --out training/runs/final_plain384/best.pt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch


def member_state(version_dir: Path, member: int) -> dict[str, torch.Tensor]:
    manifest = json.loads((version_dir / "manifest.json").read_text())
    members = manifest["config"].get("ensemble_of")
    if not members:
        raise ValueError(f"{version_dir} is one network, not an ensemble: its model.pt is already that network")
    if not 0 <= member < members:
        raise ValueError(f"{version_dir} has members 0..{members - 1}, not {member}")
    prefix = f"members.{member}."
    state = torch.jit.load(str(version_dir / manifest["file"]), map_location="cpu").state_dict()
    return {k[len(prefix):]: v.clone() for k, v in state.items() if k.startswith(prefix)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version_dir", type=Path, help="a model-cache version folder, e.g. model-cache/NAME/0.4.0")
    parser.add_argument("--member", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(member_state(args.version_dir, args.member), args.out)
    print(f"wrote member {args.member} of {args.version_dir} to {args.out}")


if __name__ == "__main__":
    main()
