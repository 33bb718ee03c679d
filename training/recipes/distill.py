"""Distil the DP-IQA student from trained teachers (Fu et al., "DP-IQA", §3.4).

    python3 -m training.recipes.distill --split-seed 0 --teacher training/runs/teacher_seed0/best.pt \
        --out training/runs/distilled_seed0 --device cuda
    python3 -m training.recipes.distill --split-seed 0 --teacher training/runs/plain384/seed0 \
        training/runs/exposure_twins384/seed0 --twin-pool 4 --seed 1 --out training/runs/distilled/seed0

The student trains with the plain member's recipe of the shipped student (`training.recipes.train_student.PLAIN_384`:
MOS on whole photos at 384 px) and, on every photo and on degraded twins of every kind, learns the teachers' score and
8×64×64 quality map as well. The twins have no human label: the teacher labels them, which is how distillation
carries more than the 750 MOS values.
Several `--teacher` checkpoints are averaged (an ensemble teaches better than any of its members). A teacher is a
`best.pt` of `--teacher-model`, a finished training run's folder, built as its recipe trained it (e.g. students
at 384 px), or a model-cache version folder (e.g. `model-cache/dpiqa_student_mobilenetv2/0.4.1`, or a teacher built
from user-supplied Stable Diffusion weights and exported there), scored as serving scores it. Every teacher sees the
student's views at the student's input size: a teacher made for a larger input (the compact teacher 0.1.0 reads
512 px) scores them off its contract, so train or export teachers at the student's size.
With `--twin-pool N` the teacher labels every view the run can show once, ahead of it (`soft_targets`: each photo
mirrored or not, itself or one of N fixed twins, kept in `training/.cache/soft_targets/`), and the student trains
at the cost of a plain run; without it the teacher scores every batch. `--resume` continues an interrupted run
from its `last.pt` (the targets computed ahead are kept, so only the missing epochs cost time).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import torch
from torch import nn

from ..data import splits
from ..data.distortions import TRAINING_KINDS
from ..models.ensemble import MeanOfModels
from ..models.registry import get_config, load_run, load_trained
from ..models.served import served
from ..paths import CACHE_DIR
from .soft_targets import SoftTargets, pool_views
from .train_student import PLAIN_384, load_inputs, train

# Twins of every kind, twice as many as a recipe with a margin loss uses: unlabelled images cost nothing once a
# teacher labels them, and the teacher's score replaces the fixed margin that cost the plain recipe accuracy.
DISTILLED = replace(PLAIN_384, distill_weight=1.0, distill_map_weight=0.02, degraded_per_batch=8,
                    degradation_kinds=TRAINING_KINDS)


class TeacherEnsemble(MeanOfModels):
    """Frozen teachers in eval mode; the mean of their `(score, qmap)` in float32."""

    def __init__(self, teachers: list[nn.Module]):
        if not teachers:
            raise ValueError("distillation needs at least one teacher")
        super().__init__(teachers)
        self.eval().requires_grad_(False)

    def train(self, mode: bool = True) -> "TeacherEnsemble":
        return super().train(False)  # targets come from inference behaviour (no dropout, frozen batch-norm)

    @torch.no_grad()
    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        score, qmap = super().forward(x)
        return score.float(), qmap.float()


def load_teacher(path: Path, model_name: str) -> tuple[nn.Module, Path]:
    """A teacher and the file that names its targets: a model-cache version folder as serving runs it (its
    manifest, which holds its files' hashes and the versions it is composed with), a training run folder's chosen
    checkpoint, or a `best.pt` of `model_name`."""
    manifest = path / "manifest.json"
    if manifest.is_file():
        model = served(path)
        model.dpiqa_config = json.loads(manifest.read_text())["config"]  # its input size and views, for the ensemble
        return model, manifest
    if path.is_dir():
        return load_run(path), path / "best.pt"
    return load_trained(model_name, path), path


def labelled_ahead(teacher: nn.Module, checkpoints: list[Path], recipe, split_seed) -> tuple[SoftTargets, dict]:
    """The teacher's targets for every view of the split's training photos (`soft_targets`), filled where missing,
    one file per set of teacher checkpoints; and the prepared images they were computed on."""
    names = sorted(dict(splits.load_clive()))
    train_names = list(splits.split_or_all(names, split_seed, recipe.val_fraction).train)
    size = get_config(recipe.model, **recipe.model_overrides)["input_size"]
    inputs = load_inputs(names, size)
    digest = hashlib.sha256()
    for path in checkpoints:
        digest.update(path.read_bytes())  # the teacher's weights name its file: another teacher, other targets
    targets = SoftTargets(inputs, recipe, CACHE_DIR / "soft_targets" / f"{digest.hexdigest()[:16]}.pt")
    targets.fill(teacher, pool_views(train_names, recipe))
    return targets, inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", type=Path, nargs="+", required=True,
                        help="teacher best.pt file(s) of --teacher-model, training run folders, "
                             "or model-cache version folders")
    parser.add_argument("--teacher-model", default="dpiqa_teacher_compact")
    parser.add_argument("--split-seed", type=splits.parse_split_seed, default=0,
                        help="seed of the 8:2 split, or 'all' to train on every image")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run from its last.pt")
    parser.add_argument("--map-weight", type=float, default=DISTILLED.distill_map_weight)
    parser.add_argument("--twin-pool", type=int, default=0, metavar="N",
                        help="label N fixed twins per photo (and the photo, mirrored too) once, ahead of training")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    teachers, weights = zip(*(load_teacher(path, args.teacher_model) for path in args.teacher))
    teacher = TeacherEnsemble(list(teachers)).to(args.device)
    recipe = replace(DISTILLED, distill_map_weight=args.map_weight, twin_pool=args.twin_pool)
    inputs = None
    if args.twin_pool:
        teacher, inputs = labelled_ahead(teacher, list(weights), recipe, args.split_seed)
    summary = train(recipe, args.split_seed, args.out, resume=args.resume, seed=args.seed, device=args.device,
                    teacher=teacher, inputs=inputs)
    summary["teachers"] = [{"path": str(p), "sha256": hashlib.sha256(w.read_bytes()).hexdigest()}
                           for p, w in zip(args.teacher, weights)]  # which teacher taught this run, for its report
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps({"best_epoch": summary["best_epoch"], "test": summary.get("test")}))


if __name__ == "__main__":
    main()
