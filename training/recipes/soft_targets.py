"""A teacher's outputs for every view a distillation run can show, computed once and looked up while training.

A live teacher costs its forward pass on every batch of every epoch; a composed teacher on a CPU costs ten
students. With a twin pool (`Recipe.twin_pool`), the views of each training photo are finite: the whole photo,
mirrored or not, itself or one of its pooled twins. Each is labelled once, keyed by a hash of the prepared image
and the view (so a changed photo, size or pool is a new key, never a stale target), and stored in float16 in one
file per teacher that fills resumably; a distilled run then trains at the cost of a plain one.

    python3 -m training.recipes.distill --split-seed 0 --teacher <best.pt ...> --twin-pool 4 --out ...
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import torch
from tqdm import tqdm

from .train_student import Recipe, View, pooled_twin, render_view


def pool_views(names: list[str], recipe: Recipe) -> list[View]:
    """Every view a run of `recipe` can show of `names`: each photo (mirrored too, if the recipe flips) and its
    twin pool."""
    flips = (False, True) if recipe.flip else (False,)
    twins = range(-1, recipe.twin_pool) if recipe.distill_weight or recipe.degradation_weight else (-1,)
    return [(n, f, t) for n in names for f in flips for t in twins]


def view_key(image: torch.Tensor, view: View, recipe: Recipe) -> str:
    """The view's identity: the prepared image's pixels and what is done to them (mirror, twin parameters)."""
    name, flipped, twin = view
    digest = hashlib.sha256(image.numpy().tobytes())
    digest.update(repr((tuple(image.shape), flipped, pooled_twin(name, twin, recipe) if twin >= 0 else None)).encode())
    return digest.hexdigest()


class SoftTargets:
    """{view key: (score, quality map)} of one teacher; called with a batch's views, returns its targets."""

    def __init__(self, inputs: dict[str, torch.Tensor], recipe: Recipe, path: Path):
        self.inputs, self.recipe, self.path = inputs, recipe, path
        stored = torch.load(path) if path.exists() else {"keys": [], "scores": torch.zeros(0), "qmaps": None}
        self.index = {k: i for i, k in enumerate(stored["keys"])}
        self.scores, self.qmaps = stored["scores"], stored["qmaps"]
        self.keys: dict[View, str] = {}

    def key(self, view: View) -> str:
        if view not in self.keys:
            self.keys[view] = view_key(self.inputs[view[0]], view, self.recipe)
        return self.keys[view]

    @torch.no_grad()
    def fill(self, teacher: torch.nn.Module, views: list[View], batch_size: int = 8, save_every: int = 100) -> int:
        """Labels the views not stored yet with `teacher` (frozen, in eval mode), saving every `save_every`
        batches so an interrupted fill resumes where it stopped. Returns how many it labelled."""
        missing = list({self.key(v): v for v in views if self.key(v) not in self.index}.values())
        device = next(teacher.parameters()).device
        scores, qmaps, keys = [], [], []
        batches = range(0, len(missing), batch_size)
        for b, start in enumerate(tqdm(batches, desc=f"teacher labelling {len(missing)} views", unit="batch")):
            chunk = missing[start:start + batch_size]
            x = torch.stack([render_view(self.inputs[v[0]], v, self.recipe) for v in chunk]).to(device)
            score, qmap = teacher(x)
            scores.append(score.float().cpu())
            qmaps.append(qmap.cpu().half())
            keys += [self.key(v) for v in chunk]
            if (b + 1) % save_every == 0 or start + batch_size >= len(missing):
                self._append(keys, torch.cat(scores), torch.cat(qmaps))
                scores, qmaps, keys = [], [], []
        return len(missing)

    def _append(self, keys: list[str], scores: torch.Tensor, qmaps: torch.Tensor) -> None:
        self.index.update({k: len(self.index) + i for i, k in enumerate(keys)})
        self.scores = torch.cat([self.scores, scores])
        self.qmaps = qmaps if self.qmaps is None else torch.cat([self.qmaps, qmaps])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        torch.save({"keys": list(self.index), "scores": self.scores, "qmaps": self.qmaps}, partial)
        partial.replace(self.path)  # never a half-written file where a resumed fill would read it

    def __call__(self, views: list[View]) -> tuple[torch.Tensor, torch.Tensor]:
        try:
            rows = torch.tensor([self.index[self.key(v)] for v in views])
        except KeyError as e:
            raise KeyError(f"a view the teacher never labelled (fill() first): {e}") from None
        return self.scores[rows], self.qmaps[rows].float()
