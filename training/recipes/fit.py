"""The epoch loop the student and teacher recipes share: seeded batches, one optimiser step per batch under a
one-cycle learning rate, the checkpoint chosen on the validation part (the last epoch without one), and `last.pt`
after every epoch, from which `resume` continues to the result a straight run gives.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from tqdm import tqdm

from ..evaluation import metrics

# One batch's loss: (its image names, their MOS / 100 on the device, the epoch's random stream) -> the loss to
# minimise and its named parts, averaged over the epoch into the history.
Step = Callable[[list[str], torch.Tensor, np.random.Generator], tuple[torch.Tensor, dict[str, torch.Tensor]]]
# MOS predictions (0-100) of the model as it stands, for image names.
Score = Callable[[list[str]], np.ndarray]


def fit(model: torch.nn.Module, optimizer: torch.optim.Optimizer, step: Step, score: Score, *,
        train_names: list[str], val_names: list[str], test_names: list[str], mos: dict[str, float], epochs: int,
        batch_size: int, drop_last: bool, seed: int, out_dir: Path, resume: bool, device: str,
        checkpoint_key: str = "model") -> tuple[int, list[dict], dict]:
    """Train `model` for `epochs` over `train_names` in batches of `batch_size` (the ragged last one left out with
    `drop_last`), each epoch's order and augmentation drawn from the stream of (`seed`, epoch); writes `best.pt`
    (the model of the best validation SRCC + PLCC) and `last.pt` (all a resumed run needs; the model under
    `checkpoint_key`) into `out_dir`. Returns the best epoch, the per-epoch history, and the test figures of the
    best model on `test_names` (`metrics.test_figures`; none without a test part)."""
    steps_per_epoch = (len(train_names) // batch_size if drop_last
                       else (len(train_names) + batch_size - 1) // batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[g["lr"] for g in optimizer.param_groups],
                                                    total_steps=epochs * steps_per_epoch, pct_start=0.1)
    start_epoch, history, best = 0, [], {"score": -np.inf, "epoch": 0}
    last = out_dir / "last.pt"
    if resume and last.exists():
        state = torch.load(last, map_location=device)
        model.load_state_dict(state[checkpoint_key])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        start_epoch, history, best = state["epoch"] + 1, state["history"], state["best"]
        torch.set_rng_state(state["torch_rng"])

    for epoch in range(start_epoch, epochs):
        rng = np.random.default_rng([seed, epoch])  # per epoch, so a resumed run draws what a straight one does
        model.train()
        order = rng.permutation(len(train_names))
        totals: dict[str, float] = {}
        started = time.time()
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{epochs}", unit="step", leave=False)
        for i in bar:
            names = [train_names[k] for k in order[i * batch_size:(i + 1) * batch_size]]
            y = torch.tensor([mos[n] / 100.0 for n in names], device=device)
            loss, parts = step(names, y, rng)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            for key, value in parts.items():
                totals[key] = totals.get(key, 0.0) + float(value) / steps_per_epoch
            bar.set_postfix(loss=f"{float(loss):.4f}")
        record = {"epoch": epoch + 1, "seconds": round(time.time() - started, 1), **totals}
        if val_names:
            record["val"] = metrics.evaluate_predictions(score(val_names), [mos[n] for n in val_names])
            selection = record["val"]["srcc"] + record["val"]["plcc"]
        else:
            selection = float(epoch)  # no validation part: the recipe's last epoch
        if selection > best["score"]:
            best = {"score": selection, "epoch": epoch + 1}
            torch.save(model.state_dict(), out_dir / "best.pt")
        history.append(record)
        print(json.dumps(record), flush=True)
        torch.save({checkpoint_key: model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch, "history": history, "best": best,
                    "torch_rng": torch.get_rng_state()}, last)

    tested = {}
    if test_names:
        model.load_state_dict(torch.load(out_dir / "best.pt", map_location=device))
        tested = metrics.test_figures(score(test_names), test_names, mos)
    return best["epoch"], history, tested
