"""MODEL_CARD.md for an exported student or teacher, its figures filled in from the evaluation report."""
from __future__ import annotations

import json
import shlex
from dataclasses import asdict

import numpy as np

from ..paths import PRETRAINED_DIR
from ..recipes.train_student import Recipe

# Recipes recorded before `degradation_kinds` existed trained on these.
LEGACY_TRAINING_KINDS = ("blur", "jpeg", "noise", "underexposure")
_SPOKEN = {"blur": "blur", "jpeg": "JPEG", "noise": "noise", "underexposure": "under-exposure",
           "overexposure": "over-exposure", "downscale": "downscaling"}


def recipe_members(recipe: dict) -> list[tuple[str, dict]]:
    """(runs folder, recipe) per member of an ensemble's recipe (`evaluate --ensemble`); one unnamed member else."""
    return list(recipe["ensemble_of"].items()) if "ensemble_of" in recipe else [("", recipe)]


# Recipe fields the card states once for all members of an ensemble.
_SHARED = ("epochs", "batch_size", "lr_backbone", "lr_head", "weight_decay", "crop", "val_fraction")


def _shared_recipe(recipe: dict) -> dict:
    """The recipe every member follows apart from its loss; refuses members that differ in more than that."""
    members = [r for _, r in recipe_members(recipe)]
    differ = [k for k in _SHARED if len({json.dumps(r.get(k)) for r in members}) > 1]
    if differ:
        raise ValueError(f"the ensemble's members differ in {differ}: the card states these once for all")
    return members[0]


def _trained_kinds(recipe: dict) -> tuple[str, ...]:
    """The degradations the recipe's twins use (any member's, for an ensemble); none when no degradation loss
    is weighed."""
    if "ensemble_of" in recipe:
        return tuple(dict.fromkeys(k for _, r in recipe_members(recipe) for k in _trained_kinds(r)))
    if not recipe["degradation_weight"]:
        return ()
    return tuple(recipe.get("degradation_kinds", LEGACY_TRAINING_KINDS))


def _spoken(kinds, conjunction: str) -> str:
    """("blur", "jpeg", "noise"), "or" -> "blur, JPEG or noise"."""
    words = [_SPOKEN.get(k, k) for k in kinds]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _kinds_sentence(kinds, recipe: dict) -> str:
    """Which of the measured degradation `kinds` the recipe trains on: those results are less of a surprise."""
    trained = _trained_kinds(recipe)
    if not trained:
        return "The recipe trains on none of these degradations."
    untrained = [k for k in kinds if k not in trained]
    rest = ("every kind above is one it trains on." if not untrained
            else f"{_spoken(untrained, 'and')} {'is' if len(untrained) == 1 else 'are'} not.")
    return (f"The photos are unseen, but {_spoken(trained, 'and')} "
            f"{'is the kind' if len(trained) == 1 else 'are the kinds'} the degradation loss trains on; {rest}")


def _row(name: str, m: dict) -> str:
    return f"| {name} | {m['plcc']:.3f} | {m['plcc_raw']:.3f} | {m['srcc']:.3f} | {m['krcc']:.3f} | {m['rmse']:.2f} |"


# The project's acceptance bar for a shipped student (median over the 5 splits).
TARGET = {"srcc": 0.84, "plcc": 0.86}


def _against_target(median: dict) -> str:
    gaps = [f"{k.upper()} {median[k]:.3f} < {v}" for k, v in TARGET.items() if median[k] < v]
    if gaps:
        return f"This model is below that, and below the project's own target ({'; '.join(gaps)})."
    return (f"This model is below that, and meets the project's own target "
            f"(SRCC ≥ {TARGET['srcc']}, PLCC ≥ {TARGET['plcc']}).")


def _weak_kinds(rob: dict, recipe: dict) -> str:
    """A limits bullet for the degradations the student barely notices (robustness below +0.5)."""
    weak = {k: v for k, v in rob["student"]["per_kind"].items() if v < 0.5}
    if not weak:
        return ""
    listed = ", ".join(f"{k} ({v:+.2f}, BRISQUE {rob['brisque']['per_kind'][k]:+.2f})" for k, v in weak.items())
    untrained = [k for k in weak if k not in _trained_kinds(recipe)]
    why = f" ({', '.join(untrained)}: not among the training degradations)" if untrained else ""
    return f"- Barely notices {listed}: scores hardly move as the photo gets worse that way{why}.\n"


def _selection(report: dict) -> str:
    """The disclosure owed when some splits' test parts were looked at while choosing the recipe."""
    sel = report.get("selection")
    if not sel:
        return ""
    # Reports from before `why` was recorded: 0.2.0's choice of head design.
    why = sel.get("why", "choosing between two head designs (validation parts of 75 images could not tell them apart)")
    text = (f"**Disclosure.** The test parts of splits {sel['seen_seeds']} were looked at while {why}, so those "
            f"splits are not untouched")
    if "unseen_median" not in sel:
        return text + ": no split is, and the figures above may flatter the recipe slightly.\n"
    m = sel["unseen_median"]
    return (text + f". Median over the untouched splits {sel['unseen_seeds']}: SRCC {m['srcc']:.3f}, "
            f"PLCC {m['plcc']:.3f}, KRCC {m['krcc']:.3f}.\n")


def _seen_flag(report: dict) -> str:
    sel = report.get("selection")
    if not sel:
        return ""
    why = f" --seen-why {shlex.quote(sel['why'])}" if "why" in sel else ""
    return f" --seen-seeds {' '.join(map(str, sel['seen_seeds']))}{why}"


def _name_flag(report: dict) -> str:
    """` --name NAME` of the evaluation that wrote the report (its scatter plot is `<NAME>_scatter.png`), so that
    rerunning it rewrites that report rather than the default `student_eval.json`."""
    name = report.get("scatter", "student_scatter.png").removesuffix("_scatter.png")
    return "" if name == "student" else f" --name {shlex.quote(name)}"


def _provenance(report: dict, seeds: str) -> str:
    """How to reproduce the figures: this machine's `training.evaluation.student_protocol`, or the protocol run they came from."""
    source = report.get("source")
    members = recipe_members(report["recipe"])
    if not source and len(members) > 1:
        runs = [path for path, _ in members]
        train = "; ".join(f"`python3 -m training.recipes.train_student --split-seed N --out {path}/seedN{_recipe_flags(r)}`"
                          for path, r in members)
        return (f"Reproduce: for each split N, {train}; then `python3 -m training.evaluation.student_protocol --ensemble "
                f"{' '.join(runs)} --seeds {seeds.replace(',', '')}{_name_flag(report)}{_seen_flag(report)}` "
                f"(writes `reports/`).")
    if not source:
        return (f"Reproduce: `python3 -m training.evaluation.student_protocol --seeds {seeds.replace(',', '')}{_name_flag(report)}"
                f"{_recipe_flags(report['recipe'])}{_seen_flag(report)}` (writes `reports/`).")
    note = f" {source['note']}" if source.get("note") else ""
    return (f"**Where these figures come from.** The split models were trained and tested by "
            f"`training.evaluation.teacher_protocol` on {source['device']} (torch {source['torch']}), model `{source['model']}` "
            f"of `{source['protocol']}`; BRISQUE's rows come from an evaluation of the same splits here.{note}\n"
            f"Reproduce: `python3 -m training.evaluation.teacher_protocol --device cuda --splits {seeds.replace(' ', '')}`, then "
            f"`python3 -m training.evaluation.student_protocol --from-protocol <its protocol.json> --model {source['model']}"
            f"{_seen_flag(report)}`.")


def _recipe_flags(recipe: dict) -> str:
    """` --recipe FIELD=VALUE ...` for the fields where `recipe` differs from `training.recipes.train_student`'s defaults."""
    defaults = json.loads(json.dumps(asdict(Recipe())))  # tuples as lists, as reports hold them
    changes = [f"{key}={json.dumps(value, separators=(',', ':'))}" for key, value in recipe.items()
               if key in defaults and value != defaults[key]]
    return " --recipe " + " ".join(shlex.quote(c) for c in changes) if changes else ""


def _fine_tuned_on(recipe: dict, size: int) -> str:
    if recipe["crop"] < size:
        return (f"Fine-tuned whole on {recipe['crop']}×{recipe['crop']} windows of the {size}×{size} input (the paper "
                f"trains on whole images), which keeps training to about 25 minutes per model on one CPU core.")
    return f"Fine-tuned whole on whole photos at {size}×{size}: about 25 minutes per model on one CPU core."


def _training_view(recipe: dict, size: int) -> str:
    """What one training step sees of a photo."""
    if recipe["crop"] < size:
        return (f"Each step sees a random {recipe['crop']}×{recipe['crop']} window of the resized photo, mirrored half "
                f"the time; evaluation and serving see the whole photo.")
    return "Each step sees the whole resized photo, mirrored half the time, as evaluation and serving do."


def _loss(recipe: dict) -> str:
    """The recipe's loss, naming only the terms it weighs."""
    terms = ["MSE(score, MOS/100)"]
    if recipe["rank_weight"]:
        terms.append(f"{recipe['rank_weight']}·in-batch pairwise ranking hinge")
    if recipe["degradation_weight"]:
        rated = f" rated at least {recipe['twin_min_mos']:g}" if recipe.get("twin_min_mos") else ""
        terms.append(f"{recipe['degradation_weight']}·degradation ranking hinge ({recipe['degraded_per_batch']} images"
                     f"{rated} per batch get a synthetic twin — {_spoken(_trained_kinds(recipe), 'or')} at a random "
                     f"level 1–5 — that must score lower by {recipe['margin_per_level']}×level)")
    return " + ".join(terms)


def _recipe_paragraph(recipe: dict, size: int, seed) -> str:
    """How the weights were trained: one recipe, or each member's loss for an ensemble."""
    shared, members = _shared_recipe(recipe), recipe_members(recipe)
    common = (f"({shared['epochs']} epochs, batch {shared['batch_size']}, AdamW, one-cycle LR {shared['lr_backbone']} "
              f"backbone / {shared['lr_head']} head, weight decay {shared['weight_decay']})")
    view = f"{_training_view(shared, size)} Seed {seed}"
    if len(members) == 1:
        return f"**Recipe.** `python3 -m training.recipes.train_student` {common}.\nLoss = {_loss(shared)}. {view}."
    losses = "; ".join(f"member {i} (`{path}`): {_loss(r)}" for i, (path, r) in enumerate(members, 1))
    return (f"**Recipe.** The mean of {len(members)} students of this architecture, each trained by "
            f"`python3 -m training.recipes.train_student` {common} with its own loss: {losses}. {view}, for each member.")


def _ensemble_sentence(recipe: dict) -> str:
    members = recipe_members(recipe)
    if len(members) == 1:
        return ""
    return (f" This version is an ensemble: the mean of the scores and quality maps of {len(members)} such students, "
            f"trained with different losses (below), in one TorchScript file with the single model's contract.")


def _epochs(best) -> str:
    return f"best epochs {' and '.join(map(str, best))}" if isinstance(best, list) else f"best epoch {best}"


def _code(lineage: dict) -> str:
    """Which commit the card's commands belong to: recipes and presets change after a version ships."""
    if not lineage.get("code"):
        return ""
    commit = lineage["code"].split()[0]
    return (f" The code that made this version is commit `{lineage['code']}`; run `git checkout {commit}` first to "
            f"rerun these commands as they were.")


def _changes(lineage: dict) -> str:
    """What this version changes from the one it replaces, when the lineage says."""
    if not lineage.get("changes"):
        return ""
    return f"\n**Changes from {lineage.get('replaces', 'the previous version')}.** {lineage['changes']}\n"


_VIEW_WORDS = {"whole": "the whole photo by antialiased bilinear resize (no crop, aspect not kept)",
               "native_crop": "the centre window at the photo's own pixels (a smaller photo enlarged first)"}


def _views_sentence(views: list[str]) -> str:
    if len(views) == 1:
        return _VIEW_WORDS[views[0]]
    return "stacked along channels in this order: " + "; ".join(_VIEW_WORDS[v] for v in views)


def _ood_section(ood: dict | None) -> str:
    """The out-of-domain table (`training.evaluation.robustness --protocol ood`), when the report carries one: `{"command",
    "models": {name: {"per_kind", "overall"}}}` with the version first and BRISQUE beside it."""
    if not ood:
        return ""
    kinds = list(next(iter(ood["models"].values()))["per_kind"])
    def row(name: str, m: dict) -> str:
        figures = " | ".join(f"{m['per_kind'][k]:+.2f}" for k in kinds)
        return f"| {name} | {figures} | {m['overall']:+.3f} |"
    rows = "\n".join(row(name, m) for name, m in ood["models"].items())
    return f"""## Robustness out of domain
Photos from outside CLIVE at their own resolution, degraded at full resolution by code written apart from the
training generator, scored through this manifest's preprocessing (`{ood['command']}`); per chain the
sign-flipped Spearman correlation between step and score, mean over photos.

| model | {' | '.join(kinds)} | mean |
|---|{'---|' * (len(kinds) + 1)}
{rows}

"""


def _backbone(config: dict) -> str:
    """Where the student's pre-trained backbone weights came from, with their licence and checksum."""
    if config.get("backbone") == "mobilenetv2_140":
        return (f"MobileNetV2 1.4 (npm nsfwjs 4.4.0's `{config['backbone_weights']}`, MIT, fine-tuned from TF-Hub's\n"
                f"  ImageNet MobileNetV2-1.4, Apache-2.0; weights.bin sha256 `{config['backbone_weights_sha256']}`)")
    return (f"MobileNetV2 1.0 (ImageNet weights dequantised from `{config['backbone_weights']}`, Apache-2.0, sha256\n"
            f"  `5d3137241276e79c86d14a74fe43581398ae0e815191d3dba45495b810840e8c`)")


def student_card(manifest: dict, report: dict) -> str:
    config, lineage = manifest["config"], manifest["lineage"]
    size = config["input_size"]
    student, brisque = report["student"], report["brisque"]
    rob = report["robustness"]
    kinds = list(rob["student"]["per_kind"])
    seeds = ", ".join(str(s) for s in report["seeds"])
    per_seed = "\n".join(_row(f"student, seed {r['seed']} ({_epochs(r['best_epoch'])})", r) for r in student["per_seed"])
    recipe = report["recipe"]
    shared = _shared_recipe(recipe)
    views = manifest["input"].get("views", ["whole"])
    return f"""# {manifest['name']} {manifest['version']}: model card

**What it is.** The distilled-student half of DP-IQA (Fu et al., "DP-IQA: Utilizing Diffusion Prior for Blind Image
Quality Assessment in the Wild"): a CNN whose feature maps are up-sampled to an 8×64×64 quality map, which an
MLP regresses to one score. It predicts a mean opinion score (MOS, 0–100, higher = better) for a photo,
without a reference image. Role: `{manifest['role']}`; the Java service serves it through DJL.{_ensemble_sentence(recipe)}

**How it differs from the paper's model — read this.** This is *not* the paper's student:
- Backbone: {_backbone(config)}, not EfficientNet-B7: no EfficientNet-B7
  weights are available offline. `dpiqa_student_effnet_b7` in `training/` builds the paper's student for
  user-supplied torchvision weights.
- Not distilled yet: it is trained on human MOS (plus the ranking terms of its recipe below), not on a
  Stable-Diffusion teacher's outputs; the qmap is a learned intermediate, not matched to a teacher map. Distillation is a separate issue.
- Input {size}×{size} (paper: 512×512); the quality map is built from backbone blocks
  {config['head'].get('taps', [-1])} (paper: the last feature map only); the MLP reads the map average-pooled to
  {config['head']['mlp_grid']}×{config['head']['mlp_grid']} cells.
- {_fine_tuned_on(shared, size)}

**Contract.** TorchScript; input float32 `[B,{3 * len(views)},{size},{size}]` RGB in [0,1] (normalisation inside); outputs
`(score [B] in [0,1], qmap [B,8,64,64])`; MOS = 100 × score. Preprocessing (`manifest.json`): decode to 8-bit
sRGB, EXIF orientation, alpha over white, then {_views_sentence(views)}.

**Data.** CLIVE (LIVE In the Wild Image Quality Challenge Database, Ghadiyaram & Bovik, IEEE TIP 2016): the 937
development photos available here, 500×500, MOS 0–100. The shipped weights were trained on all 937
({lineage.get('data', '')}); the figures below come from the same recipe trained on 8:2 splits.

{_recipe_paragraph(recipe, size, lineage.get('seed', 0))}
{_changes(lineage)}
## Accuracy on held-out CLIVE images
8:2 splits with seeds {seeds} (`training/data/splits.py`); the checkpoint of each split is chosen on
{int(shared['val_fraction'] * 100)} % of its training part, never on its test part; median over seeds. PLCC after the
VQEG 4-parameter logistic mapping, and raw. BRISQUE = OpenCV BRISQUE features + RBF SVR trained on the same
training parts.

| model | PLCC | PLCC raw | SRCC | KRCC | RMSE |
|---|---|---|---|---|---|
{_row("**student (median)**", student["median"])}
{_row("BRISQUE (median)", brisque["median"])}
{per_seed}

For scale: the paper reports PLCC 0.902 / SRCC 0.875 on CLIVE for its distilled EfficientNet-B7 student (Table IV;
its BRISQUE row: 0.629 / 0.629). {_against_target(student["median"])}

{_selection(report)}
{_provenance(report, seeds)}{_code(lineage)}
Scatter plot: `reports/{report.get("scatter", "student_scatter.png")}`.

## Robustness to synthetic degradation
Each of the {rob['images_per_seed']} best-rated photos of a split's test part (unseen in training) is degraded at levels
0–5 per kind; per chain, the sign-flipped Spearman correlation between level and score (+1 = the score falls at
every step); mean over photos, median over seeds. {_kinds_sentence(kinds, recipe)}

| model | {' | '.join(kinds)} | overall |
|---|{'---|' * (len(kinds) + 1)}
| student | {' | '.join(f"{rob['student']['per_kind'][k]:+.2f}" for k in kinds)} | {rob['student']['overall']:+.2f} |
| BRISQUE | {' | '.join(f"{rob['brisque']['per_kind'][k]:+.2f}" for k in kinds)} | {rob['brisque']['overall']:+.2f} |

{_ood_section(report.get("ood"))}## Limits
{_weak_kinds(rob, recipe)}- Trained on 937 photos from 2015-era phones at 500×500: expect weaker accuracy on other content (screenshots,
  illustrations, faces close-up, very large or very small images), and treat scores as a ranking signal first.
- Whole-image resize squeezes non-square photos; aspect-ratio distortion itself is not penalised.
- Not calibrated per platform: choose verdict thresholds on your own labelled sample.

Licences: CLIVE copyright notice in `golden/CLIVE-NOTICE.md`; MobileNetV2 weights Apache-2.0
({PRETRAINED_DIR.name}/LICENSE-coral-test-data.txt in the project's shared data).
"""


def _latency(reports: list[dict], model: str | None = None) -> str:
    """Per latency report, one line: `model`'s milliseconds per image, or, without `model`, every model of the report,
    so a teacher is priced against the student of the same run."""
    lines = []
    for report in reports:
        ms = {(row["model"], row["batch"]): row["ms_per_image"] for row in report["rows"]}
        if model:
            text = f"batch 1 {ms[model, 1]:.1f} ms, batch 8 {ms[model, 8]:.1f} ms per image"
        else:
            text = "; ".join(f"{m} batch 1 {ms[m, 1]:.1f} ms, batch 8 {ms[m, 8]:.1f} ms"
                             for m in dict.fromkeys(row["model"] for row in report["rows"]))
        lines.append(f"- {report['device']} (torch {report['torch']}, {report['threads']} CPU threads): {text}")
    return "\n".join(lines)


def teacher_card(manifest: dict, protocol: dict, brisque: dict, latency: list[dict]) -> str:
    """The compact teacher's card, from `training.evaluation.teacher_protocol`'s report (`protocol`), BRISQUE's medians on the
    same splits and `bench/model_latency.py` reports."""
    config, lineage = manifest["config"], manifest["lineage"]
    size = config["input_size"]
    splits = {name: c for name, c in sorted(protocol["chains"].items()) if c["split_seed"] is not None}
    recipe = next(iter(splits.values()))["teacher_recipe"]
    median = protocol["median"]
    rows = "\n".join(_row(f"{model}, split {c['split_seed']}", c["models"][model]["test"])
                      for c in splits.values() for model in ("teacher0", "student"))
    kinds = list(next(iter(splits.values()))["models"]["teacher0"]["robustness"]["per_kind"])
    rob = {m: {k: float(np.median([c["models"][m]["robustness"]["per_kind"][k] for c in splits.values()]))
               for k in kinds} for m in ("teacher0", "student")}
    rob_rows = "\n".join(f"| {m} | {' | '.join(f'{rob[m][k]:+.2f}' for k in kinds)} |" for m in rob)
    return f"""# {manifest['name']} {manifest['version']}: model card

**What it is.** The teacher half of DP-IQA (Fu et al., "DP-IQA: Utilizing Diffusion Prior for Blind Image Quality
Assessment in the Wild", §3.3), built small enough to train without Stable Diffusion: a frozen image encoder, one
pass of a text-conditioned denoising U-Net at timestep {config['timestep']} with image-adapter features added on
the way down, and a quality feature decoder (QFD) over the four up-block outputs. It predicts a mean opinion
score (MOS, 0–100) and an 8×64×64 quality map, the student's contract. Role: `{manifest['role']}`: the service sends
it the borderline images only (`CascadeScorer`), and re-distillation learns from it.

**How it differs from the paper's teacher — read this.** This is *not* the paper's teacher, and it is far weaker
(paper: CLIVE SRCC 0.893). Stable Diffusion 1.5 and CLIP are not available offline:
- Encoder: TAEF2's encoder (`{config['encoder']['weights']}`, frozen; latent ×{config['encoder']['scaling_factor']}),
  not SD1.5's VAE.
- U-Net: SD1.5's layout and code at {'/'.join(map(str, config['unet']['block_out_channels']))} channels per level,
  trained from scratch on CLIVE MOS: no generative prior (the paper's ablation without one: SRCC 0.57). Its gain
  here comes mostly from the image adapter.
- Conditioning: {config['prompts']['count']} learned prompt embeddings through the text adapter, not CLIP
  embeddings of quality prompts.
- Image adapter: MobileNetV2 (taps at strides 8/16/32), initialised from the student trained on the same
  images, not a T2I adapter trained from scratch.
`dpiqa_teacher_sd15` in `training/` is the paper's teacher for user-supplied SD1.5 weights.

**Contract.** TorchScript; input float32 `[B,3,{size},{size}]` RGB in [0,1]; outputs `(score [B] in [0,1],
qmap [B,8,64,64])`; MOS = 100 × score; preprocessing as the student's (`manifest.json`).

**Data.** CLIVE (Ghadiyaram & Bovik, IEEE TIP 2016), the 937 development photos, MOS 0–100; the shipped weights
were trained on all of them ({lineage.get('data', '')}). Trained on a GPU ({protocol['device']}, torch
{protocol['torch']}): the 443 photos stored as PNG travelled there re-encoded as JPEG quality 89 with 4:4:4 chroma
(about 40 dB PSNR; the machine takes 64 MiB of data), and the figures below were measured on those copies, for
teacher and student alike.

**Recipe.** `python3 -m training.evaluation.teacher_protocol --device cuda` (its `TEACHER`): {recipe['epochs']} epochs, batch
{recipe['batch_size']}, AdamW one-cycle (U-Net {recipe['lr_unet']}, MobileNetV2 {recipe['lr_backbone']}, new layers
{recipe['lr_new']}), bfloat16 autocast; MSE + {recipe['rank_weight']}·margin ranking (margin {recipe['margin_std']} ×
the batch's MOS std, the paper's); random {recipe['crop'] * 8}×{recipe['crop'] * 8} windows of the {size}×{size}
input, mirrored half the time. Seed {lineage.get('seed', 0)}.

## Accuracy on held-out CLIVE images
8:2 splits, seeds {", ".join(str(c["split_seed"]) for c in splits.values())} (`training/data/splits.py`); checkpoints chosen
on 10 % of the training part; medians over splits. `student` is the student recipe trained on labels alone in
the same run and on the same images, the baseline the teacher must beat.

| model | PLCC | PLCC raw | SRCC | KRCC | RMSE |
|---|---|---|---|---|---|
{_row("**teacher (median)**", median["teacher0"])}
{_row("student on labels alone (median)", median["student"])}
{_row("BRISQUE (median, original images)", brisque)}
{rows}

Reproduce: `python3 -m training.evaluation.teacher_protocol --device cuda --out training/runs/protocol` (report:
`reports/teacher_protocol.json`).{_code(lineage)}

## Robustness to synthetic degradation
As the student's card defines it (sign-flipped Spearman of level and score over chains of unseen photos, +1
ideal), median over splits:

| model | {' | '.join(kinds)} |
|---|{'---|' * len(kinds)}
{rob_rows}

## Latency (model only, TorchScript float32, {size}×{size}; `bench/model_latency.py`)
{_latency(latency, manifest['name'])}

## Limits
- One seed, and no distilled student measured yet: the GPU time this run had ended before distillation did.
- Trained on MOS alone, without the student's degradation twins: it tracks noise less steadily than the student
  (robustness above).
- A teacher only where its cost is affordable: on a CPU it is many times slower than the student (latency above).
- Trained on 937 500×500 photos; the student card's limits on content and aspect ratio apply.

Licences: CLIVE copyright notice in `golden/CLIVE-NOTICE.md`; TAEF2 encoder MIT (`LICENSE-taesd.txt` in the
project's shared data); MobileNetV2 weights Apache-2.0.
"""


def composed_teacher_card(manifest: dict, evidence: list[dict], brisque: dict, latency: list[dict]) -> str:
    """The card of a teacher composed from whole models (`model_cache --member`), from `compare_runs` reports of the
    same composition on the splits (`evidence`: one per replicate of a branch, each with its `lead` over the student
    it must beat), BRISQUE's medians on the same splits, `bench/model_latency.py` reports, and the out-of-domain
    figures in its metrics, when measured."""
    config, lineage, metrics = manifest["config"], manifest["lineage"], manifest["metrics"]
    size = config["input_size"]
    compose = manifest.get("compose", {"self": 1.0, "versions": []})
    members = "\n".join(
        [f"- {ref['name']} {ref['version']}, weight {ref['weight']:.3f}: a shipped version, served beside this "
         f"version's file as it is (manifest `compose`)" for ref in compose["versions"]]
        + [f"- {m['name']} at {m['input_size']} px, weight {m['weight'] * compose['self']:.3f}: in this version's file"
           for m in config["members"]])
    built = " ".join(f"--member {spec}" for spec in lineage["members"])
    seeds = [str(s) for s in evidence[0]["seeds"]]
    reference = evidence[0]["lead"]["reference"]

    def srcc_row(name: str, per_split: dict, median: float, sign: str = "") -> str:
        return f"| {name} | {' | '.join(f'{per_split[s]:{sign}.3f}' for s in seeds)} | {median:{sign}.3f} |"
    rows = []
    for i, report in enumerate(evidence, 1):
        ensemble, lead = report["per_split"]["ensemble"], report["lead"]
        rows.append(srcc_row(f"**this teacher, replicate {i}**", {s: ensemble[s]["srcc"] for s in seeds},
                             report["median"]["ensemble"]["srcc"]))
        rows.append(srcc_row(f"lead over `{reference}`", {s: lead["per_split"][s]["srcc"] for s in seeds},
                             lead["median"]["srcc"], "+"))
    bar = {s: evidence[0]["per_split"]["ensemble"][s]["srcc"] - evidence[0]["lead"]["per_split"][s]["srcc"]
           for s in seeds}
    rows.append(srcc_row(f"the bar: `{reference}`", bar, float(np.median(list(bar.values())))))
    plcc = ", ".join(f"{r['median']['ensemble']['plcc']:.3f} (lead {r['lead']['median']['plcc']:+.3f})" for r in evidence)
    return f"""# {manifest['name']} {manifest['version']}: model card

**What it is.** The teacher of DP-IQA's teacher–student pair, here a weighted mean of whole models that each read
every image (scores and quality maps averaged with the same weights):
{members}

Built with `python3 -m training.export.model_cache {built}` (each member a shipped version or a training run, with its weight).

The diffusion branch (the compact DP-IQA teacher: TAEF2 latents through a text-conditioned U-Net with an image
adapter and a quality feature decoder, Fu et al. §3.3) and the CNN branch (students trained on labels) rank photos
differently enough that their mean beats either on every split; alone, the compact teacher does not beat the
student. Role: `{manifest['role']}`: the service sends it the borderline images only (`CascadeScorer`), and
re-distillation learns from it.

**How it differs from the paper's teacher — read this.** Not the paper's teacher (CLIVE SRCC 0.893): Stable
Diffusion 1.5 and CLIP are not available offline, so the diffusion branch is the compact teacher with the limits its
own card states (no generative prior; TAEF2 encoder; learned prompts), and half of this teacher is CNN students.
`dpiqa_teacher_sd15` in `training/` is the paper's teacher for user-supplied SD1.5 weights.

**Contract.** TorchScript; input float32 `[B,3,{size},{size}]` RGB in [0,1]; members that take a smaller input get it
resized inside the graph (bicubic, antialiased; within 0.6 MOS of resizing the photo directly); outputs `(score [B]
in [0,1], qmap [B,8,64,64])`; MOS = 100 × score; preprocessing in `manifest.json`.

**Data.** CLIVE (Ghadiyaram & Bovik, IEEE TIP 2016), the 937 development photos, MOS 0–100; every member was
trained on all of them ({lineage.get('data', '')}).
{_changes(lineage)}
## Accuracy on held-out CLIVE images
The same composition measured from each member recipe's held-out predictions on the 8:2 splits {', '.join(seeds)}
(`training/data/splits.py`; the split models, not the shipped weights, so no photo below trained the model scoring
it), weights as shipped. It ships because it met a rule fixed before its runs (`reports/teacher_recipes.md`):
above the default student on every split with each replicate of the diffusion branch, median lead ≥ +0.015.

| SRCC | {' | '.join(f'split {s}' for s in seeds)} | median |
|---|{'---|' * (len(seeds) + 1)}
{chr(10).join(rows)}

Median PLCC per replicate: {plcc}. BRISQUE on the same splits: SRCC {brisque['srcc']:.3f}, PLCC {brisque['plcc']:.3f}
(median). Reports: {', '.join(f'`{p}`' for p in metrics['evidence'])}.{_code(lineage)}

{_ood_section(metrics.get('ood'))}## Latency (model only, TorchScript float32, per image; `bench/model_latency.py`, each line one run)
{_latency(latency)}

## Limits
- The diffusion branch's split figures come from GPU runs that scored the 443 PNG photos as JPEG quality 89 copies
  (about 40 dB); the CNN branch's from CPU runs on the originals.
- Half of this teacher is CNN students like the one it teaches: distilling from it partly teaches the student
  itself, and a cascade pays for a student twice on the images it escalates.
- Trained on 937 500×500 photos; the student card's limits on content and aspect ratio apply.

Licences: CLIVE copyright notice in `golden/CLIVE-NOTICE.md`; TAEF2 encoder MIT (`LICENSE-taesd.txt` in the
project's shared data); MobileNetV2 weights Apache-2.0.
"""
