"""The export contract (model-cache/README.md): files, manifest, checksum, TorchScript outputs, goldens, card."""
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from training.data.preprocess import model_input
from training.export.model_cache import code_revision, compose, compose_by_reference, export, parse_member
from training.models.served import served
from training.export.model_card import composed_teacher_card
from training.paths import REPORTS_DIR
from training.export.onnx_model import rebuild
from training.models.ensemble import resize_for_member
from training.export.golden import golden_tensor, tensor_case
from training.models.registry import create_model, get_config
from training.data.splits import CLIVE_ROOT

pytestmark = pytest.mark.skipif(not (CLIVE_ROOT / "mos.csv").exists(), reason="CLIVE images not available")

SIZE = get_config("dpiqa_student_mobilenetv2")["input_size"]
MEDIAN = {"plcc": 0.9, "plcc_raw": 0.88, "srcc": 0.87, "krcc": 0.7, "rmse": 9.0}
KINDS = {"blur": 0.9, "jpeg": 0.5}
REPORT = {
    "seeds": [0, 1], "recipe": {"crop": 384, "epochs": 1, "batch_size": 16, "lr_backbone": 1e-4,
                                "lr_head": 1e-3, "weight_decay": 1e-4, "rank_weight": 0.5, "degradation_weight": 0.5,
                                "degraded_per_batch": 4, "margin_per_level": 0.02, "val_fraction": 0.1},
    "student": {"median": MEDIAN, "per_seed": [{"seed": 0, "best_epoch": 1, **MEDIAN}]},
    "brisque": {"median": MEDIAN},
    "robustness": {"student": {"per_kind": KINDS, "overall": 0.7}, "brisque": {"per_kind": KINDS, "overall": 0.7},
                   "images_per_seed": 2},
}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A checkpoint as training writes it, its head moved away from the initial weights."""
    model = create_model("dpiqa_student_mobilenetv2")
    torch.manual_seed(0)
    with torch.no_grad():
        for p in model.head.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    path = tmp_path_factory.mktemp("run") / "best.pt"
    torch.save(model.state_dict(), path)
    return model.eval(), path


@pytest.fixture(scope="module")
def exported(tmp_path_factory, trained):
    root = tmp_path_factory.mktemp("model-cache")
    return export([trained[1]], "dpiqa_student_mobilenetv2", "0.0.1", REPORT, {"data": "none", "seed": 0}, root)


def test_exported_weights_are_the_checkpoints(exported, trained):
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        assert torch.allclose(torch.jit.load(str(exported / "model.pt"))(x)[0], trained[0](x)[0], atol=1e-5)


def test_manifest_describes_the_model_file(exported):
    manifest = json.loads((exported / "manifest.json").read_text())
    assert manifest["role"] == "student" and manifest["version"] == "0.0.1"
    assert manifest["sha256"] == hashlib.sha256((exported / "model.pt").read_bytes()).hexdigest()
    assert manifest["file"] == "model.pt"
    assert manifest["files"] == [  # the TorchScript source and its ONNX copy for CPUs (issue 27)
        {"file": "model.pt", "sha256": manifest["sha256"], "engine": "pytorch"},
        {"file": "model.onnx", "sha256": hashlib.sha256((exported / "model.onnx").read_bytes()).hexdigest(),
         "engine": "onnxruntime"}]
    assert manifest["input"]["height"] == manifest["config"]["input_size"] == SIZE
    assert manifest["preprocessing"]["resize"] == "bilinear_antialias"
    assert manifest["outputs"]["qmap"]["shape"] == [8, 64, 64]
    assert manifest["metrics"]["student"]["median"]["srcc"] == 0.87


def test_torchscript_file_honours_the_contract(exported):
    model = torch.jit.load(str(exported / "model.pt"))
    with torch.no_grad():
        score, qmap = model(torch.rand(3, 3, SIZE, SIZE))
    assert score.shape == (3,) and qmap.shape == (3, 8, 64, 64)
    assert ((score >= 0) & (score <= 1)).all()


def test_goldens_replay_from_files(exported):
    golden = json.loads((exported / "golden" / "golden.json").read_text())
    model = torch.jit.load(str(exported / "model.pt"))
    case = golden["cases"][0]
    with torch.no_grad():
        score, qmap = model(model_input(exported / "golden" / case["image"], SIZE, SIZE)[None])
    assert abs(float(score[0]) - case["score"]) <= golden["tolerance"]["score"]
    assert abs(float(qmap.mean()) - case["qmap_mean"]) <= golden["tolerance"]["qmap"]
    tensor = golden["tensor_case"]
    assert tensor["generator"] == "lowbias32" and not list((exported / "golden").glob("*.f32"))
    x = golden_tensor(tuple(tensor["shape"]))
    with torch.no_grad():
        assert np.allclose(model(x)[0].numpy(), tensor["scores"], atol=1e-6)
    assert (exported / "golden" / "CLIVE-NOTICE.md").read_text().count("COPYRIGHT NOTICE") == 2


def test_model_card_reports_figures_from_the_report(exported):
    card = (exported / "MODEL_CARD.md").read_text()
    assert "0.870" in card and "*not* the paper's student" in card and "EfficientNet-B7" in card
    assert f"`[B,3,{SIZE},{SIZE}]`" in card and "Robustness out of domain" not in card  # no ood in this report


def test_manifest_and_card_name_the_commit_that_made_the_version(exported):
    git = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    if git.returncode:
        pytest.skip("the tests do not run from a git checkout")
    head = git.stdout.strip()
    code = json.loads((exported / "manifest.json").read_text())["lineage"]["code"]
    assert code.split()[0] == head
    assert f"git checkout {head}" in (exported / "MODEL_CARD.md").read_text()


def test_code_revision_marks_uncommitted_training_changes(tmp_path):
    assert code_revision(tmp_path) is None  # not a checkout: nothing to name
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    (tmp_path / "training").mkdir()
    (tmp_path / "training" / "train.py").write_text("EPOCHS = 10\n")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "recipe"]):
        subprocess.run(git + args, check=True)
    clean = code_revision(tmp_path)
    (tmp_path / "training" / "train.py").write_text("EPOCHS = 12\n")
    assert code_revision(tmp_path) == f"{clean} with uncommitted changes to training/"


def test_versions_are_immutable(exported):
    with pytest.raises(FileExistsError):
        export([], "dpiqa_student_mobilenetv2", "0.0.1", {}, {}, exported.parents[1])


def test_model_card_discloses_splits_seen_while_choosing_the_recipe(exported):
    from training.export.model_card import student_card
    manifest = json.loads((exported / "manifest.json").read_text())
    unseen = {**MEDIAN, "srcc": 0.812}
    card = student_card(manifest, {**REPORT, "selection": {"seen_seeds": [0], "unseen_seeds": [1],
                                                           "unseen_median": unseen}})
    assert "**Disclosure.**" in card and "SRCC 0.812" in card and "--seen-seeds 0" in card
    assert "**Disclosure.**" not in student_card(manifest, REPORT)


def test_model_card_names_the_degradations_the_recipe_trained_on(exported):
    from training.export.model_card import student_card
    manifest = json.loads((exported / "manifest.json").read_text())
    legacy = student_card(manifest, REPORT)  # a recipe recorded before it listed its kinds
    assert "blur, JPEG, noise or under-exposure at a random level" in legacy
    recipe = {**REPORT["recipe"], "degradation_kinds": ["blur", "overexposure"]}
    rob = {"student": {"per_kind": {"blur": 0.9, "overexposure": 0.3, "downscale": 0.2}, "overall": 0.5},
           "brisque": {"per_kind": {"blur": 0.9, "overexposure": 0.4, "downscale": 0.8}, "overall": 0.7},
           "images_per_seed": 2}
    card = student_card(manifest, {**REPORT, "recipe": recipe, "robustness": rob})
    assert "blur or over-exposure at a random level" in card and "downscaling is not." in card
    assert "(downscale: not among the training degradations)" in card  # over-exposure is weak but trained on


def test_model_card_describes_a_whole_photo_recipe_by_the_terms_it_weighs(exported):
    from training.export.model_card import student_card
    manifest = json.loads((exported / "manifest.json").read_text())
    recipe = {**REPORT["recipe"], "crop": SIZE, "rank_weight": 0, "degradation_kinds": ["overexposure"],
              "model_overrides": {"input_size": 320}}
    card = student_card(manifest, {**REPORT, "recipe": recipe})
    assert "Each step sees the whole resized photo" in card and "window" not in card
    assert "in-batch" not in card and "over-exposure at a random level" in card
    assert "rated at least" not in card
    filtered = student_card(manifest, {**REPORT, "recipe": {**recipe, "twin_min_mos": 60.0}})
    assert "4 images rated at least 60 per batch get a synthetic twin" in filtered
    assert "over-exposure is the kind the degradation loss trains on; blur and JPEG are not." in card
    # The reproduce line carries the recipe's changes from training.recipes.train_student's defaults, quoted for a shell.
    assert f"--recipe crop={SIZE} epochs=1 " in card and " rank_weight=0 " in card and "lr_backbone" not in card
    assert """'degradation_kinds=["overexposure"]' 'model_overrides={"input_size":320}'""" in card
    plain = student_card(manifest, {**REPORT, "recipe": {**recipe, "degradation_weight": 0}})
    assert "The recipe trains on none of these degradations." in plain and "twin" not in plain


def test_a_recipe_that_changed_the_input_size_exports_at_that_size(tmp_path):
    report = {**REPORT, "recipe": {**REPORT["recipe"], "model_overrides": {"input_size": 320}}}
    folder = export([], "dpiqa_student_mobilenetv2", "0.0.1", report, {}, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["input"]["height"] == manifest["config"]["input_size"] == 320
    assert json.loads((folder / "golden" / "golden.json").read_text())["tensor_case"]["shape"] == [2, 3, 320, 320]


def protocol_chain(split_seed, teacher_srcc, student_srcc):
    rob = {"per_kind": {"blur": 0.9, "noise": 0.6}, "overall": 0.75}
    return {"split_seed": split_seed, "teacher_recipe": {"epochs": 8, "batch_size": 16, "lr_unet": 3e-4,
                                                         "lr_backbone": 1e-4, "lr_new": 5e-4, "rank_weight": 0.5,
                                                         "margin_std": 0.25, "crop": 48},
            "models": {"teacher0": {"test": {**MEDIAN, "srcc": teacher_srcc}, "robustness": rob},
                       "student": {"test": {**MEDIAN, "srcc": student_srcc}, "robustness": rob}}}


def test_a_teacher_exports_with_its_own_card_and_the_protocol_figures(tmp_path):
    from training.export.model_cache import protocol_metrics
    from training.export.model_card import teacher_card
    protocol = {"chains": {"split0": protocol_chain(0, 0.812, 0.777), "final": {"split_seed": None, "models": {}}},
                "median": {"teacher0": {**MEDIAN, "srcc": 0.812}, "student": {**MEDIAN, "srcc": 0.777}},
                "device": "GPU X", "torch": "9.9"}
    latency = [{"device": "cpu", "torch": "1.13", "threads": 2,
                "rows": [{"model": "dpiqa_teacher_compact", "batch": b, "ms_per_image": ms} for b, ms in ((1, 700.0), (8, 600.0))]}]
    folder = export([], "dpiqa_teacher_compact", "0.0.1", protocol_metrics(protocol, tmp_path / "p.json"),
                    {"data": "none", "seed": 0}, tmp_path,
                    card=lambda manifest: teacher_card(manifest, protocol, MEDIAN, latency))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["role"] == "teacher" and manifest["outputs"]["qmap"]["shape"] == [8, 64, 64]
    assert manifest["metrics"]["per_split"] == {"split0": {"teacher0": protocol["chains"]["split0"]["models"]["teacher0"]["test"],
                                                           "student": protocol["chains"]["split0"]["models"]["student"]["test"]}}
    card = (folder / "MODEL_CARD.md").read_text()
    assert "*not* the paper's teacher" in card and "0.812" in card and "0.777" in card and "700.0 ms" in card
    # Scripting saved the teacher's non-persistent timestep buffer: the version still rebuilds, strictly otherwise.
    x = torch.rand(1, 3, 512, 512)
    with torch.no_grad():
        assert torch.equal(rebuild(folder)(x)[0], torch.jit.load(str(folder / "model.pt"))(x)[0])


def ensemble_report(members: dict[str, dict]) -> dict:
    return {**REPORT, "recipe": {"ensemble_of": members},
            "student": {"median": MEDIAN, "per_seed": [{"seed": 0, "best_epoch": [3, 7], **MEDIAN}]}}


def test_several_checkpoints_export_as_one_model_scoring_their_mean(tmp_path, trained):
    other = create_model("dpiqa_student_mobilenetv2")
    torch.manual_seed(1)
    with torch.no_grad():
        for p in other.head.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    torch.save(other.state_dict(), tmp_path / "other.pt")
    plain = {**REPORT["recipe"], "rank_weight": 0, "degradation_weight": 0}
    twins = {**plain, "degradation_weight": 0.05, "twin_min_mos": 60.0, "degradation_kinds": ["overexposure"]}
    report = {**ensemble_report({"runs/plain": plain, "runs/twins": twins}), "scatter": "ens_scatter.png"}

    folder = export([trained[1], tmp_path / "other.pt"], "dpiqa_student_mobilenetv2", "0.0.1", report, {}, tmp_path)

    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        expected = (trained[0](x)[0] + other.eval()(x)[0]) / 2
        assert torch.allclose(torch.jit.load(str(folder / "model.pt"))(x)[0], expected, atol=1e-5)
    assert json.loads((folder / "manifest.json").read_text())["config"]["ensemble_of"] == 2
    card = (folder / "MODEL_CARD.md").read_text()
    assert "the mean of the scores and quality maps of 2 such students" in card
    assert "member 1 (`runs/plain`): MSE(score, MOS/100);" in card
    assert "member 2 (`runs/twins`): MSE(score, MOS/100) + 0.05·degradation ranking hinge" in card
    assert "(best epochs 3 and 7)" in card and "over-exposure is the kind the degradation loss trains on" in card
    assert "--out runs/twins/seedN --recipe " in card
    # Rerunning the line rewrites this report (ens_eval.json), not the default student_eval.json.
    assert "training.evaluation.student_protocol --ensemble runs/plain runs/twins --seeds 0 1 --name ens`" in card


def test_an_ensemble_export_needs_one_checkpoint_per_member(tmp_path, trained):
    plain = REPORT["recipe"]
    with pytest.raises(ValueError, match="ensemble of 2 recipes, 1 checkpoints"):
        export([trained[1]], "dpiqa_student_mobilenetv2", "0.0.1", ensemble_report({"a": plain, "b": plain}), {},
               tmp_path)


def test_shipped_versions_compose_into_a_weighted_mean_that_resizes_the_input_for_smaller_members(tmp_path, trained):
    smaller = {**REPORT, "recipe": {**REPORT["recipe"], "model_overrides": {"input_size": 320}}}
    small = export([trained[1]], "dpiqa_student_mobilenetv2", "0.0.1", smaller, {}, tmp_path)
    pair = export([trained[1], trained[1]], "dpiqa_student_mobilenetv2", "0.0.2",
                  ensemble_report({"a": REPORT["recipe"], "b": REPORT["recipe"]}), {}, tmp_path)

    folder = export([], "dpiqa_student_mobilenetv2", "0.0.3", {}, {}, tmp_path, onnx=False,
                    model=compose([(small, 3.0), (pair, 1.0)]))

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["input"]["height"] == SIZE > 320
    assert manifest["config"]["members"] == [{"name": "dpiqa_student_mobilenetv2", "input_size": 320, "weight": 0.75},
                                             {"name": "dpiqa_student_mobilenetv2", "input_size": SIZE, "weight": 0.125},
                                             {"name": "dpiqa_student_mobilenetv2", "input_size": SIZE, "weight": 0.125}]
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        at_320 = torch.jit.load(str(small / "model.pt"))(resize_for_member(x, 320))
        at_size = torch.jit.load(str(pair / "model.pt"))(x)
        score, qmap = torch.jit.load(str(folder / "model.pt"))(x)
    assert torch.allclose(score, 0.75 * at_320[0] + 0.25 * at_size[0], atol=1e-5)
    assert torch.allclose(qmap, 0.75 * at_320[1] + 0.25 * at_size[1], atol=1e-5)
    with pytest.raises(ValueError, match="not a dpiqa_teacher_compact"):
        export([], "dpiqa_teacher_compact", "0.0.4", {}, {}, tmp_path, model=compose([(pair, 1.0)]))
    with pytest.raises(ValueError, match="records no config per member"):
        rebuild(folder)


def test_a_composed_mean_weighs_ensemble_members_one_by_one_and_takes_training_runs(tmp_path, trained):
    torch.save(create_model("dpiqa_student_mobilenetv2").state_dict(), tmp_path / "initial.pt")  # a second member
    pair = export([trained[1], tmp_path / "initial.pt"], "dpiqa_student_mobilenetv2", "0.0.2",
                  ensemble_report({"a": REPORT["recipe"], "b": REPORT["recipe"]}), {}, tmp_path)
    run = tmp_path / "runs" / "plain"
    run.mkdir(parents=True)
    shutil.copyfile(trained[1], run / "best.pt")
    (run / "summary.json").write_text(json.dumps({"recipe": {**REPORT["recipe"], "model": "dpiqa_student_mobilenetv2"}}))

    composed = compose([parse_member(f"{pair}:0.125,0.25"), parse_member(f"{run}:0.125")])

    assert composed.weights == [0.25, 0.5, 0.25]
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        first, second = (m(x)[0] for m in rebuild(pair).members)
        expected = 0.25 * first + 0.5 * second + 0.25 * trained[0](x)[0]
        assert torch.allclose(composed(x)[0], expected, atol=1e-5)
    assert parse_member("a/b") == (Path("a/b"), 1.0) and parse_member("a/b:2") == (Path("a/b"), 2.0)
    evidence = [json.loads((REPORTS_DIR / "teacher_0.2.0_candidate1_rep1.json").read_text())]  # a compare_runs --against
    latency = [{"device": "cpu", "torch": "1.13", "threads": 1, "rows": [
        {"model": m, "batch": b, "ms_per_image": ms * b} for m, ms in (("student", 50.0), ("teacher", 700.0)) for b in (1, 8)]}]
    specs = [f"{pair}:0.125,0.25", f"{run}:0.125"]
    folder = export([], "dpiqa_student_mobilenetv2", "0.0.3", {"evidence": ["rep1.json"]}, {"members": specs}, tmp_path,
                    card=lambda manifest: composed_teacher_card(manifest, evidence, MEDIAN, latency), model=composed)
    card = (folder / "MODEL_CARD.md").read_text()
    assert f"- dpiqa_student_mobilenetv2 at {SIZE} px, weight 0.500: in this version's file" in card
    assert f"--member {specs[1]}" in card
    assert "| lead over `reports/ensemble384_eval.json` | +0.018 | +0.006 | -0.003 | +0.022 | +0.022 | +0.018 |" in card
    assert "| the bar: `reports/ensemble384_eval.json` | 0.785 | 0.807 | 0.803 | 0.799 | 0.817 |" in card
    assert "student batch 1 50.0 ms, batch 8 400.0 ms; teacher batch 1 700.0 ms" in card
    with pytest.raises(ValueError, match="has 2 members, 3 weights"):
        compose([(pair, [1.0, 1.0, 1.0])])
    with pytest.raises(FileNotFoundError, match="no finished training run"):
        compose([(tmp_path / "runs", 1.0)])


def test_a_shipped_version_at_the_full_input_is_served_beside_a_composed_one_not_copied_into_it(tmp_path, trained):
    big = export([trained[1]], "dpiqa_student_mobilenetv2", "0.0.1", REPORT, {}, tmp_path, onnx=False)
    smaller = {**REPORT, "recipe": {**REPORT["recipe"], "model_overrides": {"input_size": 320}}}
    small = export([trained[1]], "dpiqa_student_mobilenetv2", "0.0.2", smaller, {}, tmp_path, onnx=False)

    model, entry = compose_by_reference([(big, 2.0), (small, 1.0), (big, [1.0])], "dpiqa_student_mobilenetv2")

    assert entry == {"self": 0.5, "versions": [{"name": "dpiqa_student_mobilenetv2", "version": "0.0.1", "weight": 0.5}]}
    assert model.dpiqa_config["input_size"] == SIZE and len(model.members) == 2  # the weight list forces a copy
    with pytest.raises(ValueError, match="ONNX file would hold only its own part"):
        export([], "dpiqa_student_mobilenetv2", "0.0.3", {}, {}, tmp_path, onnx=True, model=model, compose=entry)
    folder = export([], "dpiqa_student_mobilenetv2", "0.0.4", {}, {}, tmp_path, model=model, compose=entry)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["compose"] == entry and "files" not in manifest  # no ONNX file of a part
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        alone = trained[0](x)[0]
        expected = 0.5 * alone + 0.25 * trained[0](resize_for_member(x, 320))[0] + 0.25 * alone
        assert torch.allclose(served(folder)(x)[0], expected, atol=1e-5)
    golden = json.loads((folder / "golden" / "golden.json").read_text())["tensor_case"]
    assert golden == tensor_case(served(folder), SIZE)  # the goldens are the whole's, not the file's alone
    with pytest.raises(ValueError, match="nothing for a composed version's own file"):
        compose_by_reference([(big, 1.0)], "dpiqa_student_mobilenetv2")
    moved = tmp_path / "elsewhere" / "dpiqa_student_mobilenetv2"
    shutil.copytree(folder, moved / "0.0.4")
    with pytest.raises(FileNotFoundError, match="not there"):
        served(moved / "0.0.4")


def test_members_reading_different_views_export_as_one_input_of_stacked_views(tmp_path, trained):
    plain = REPORT["recipe"]
    native = {**plain, "model_overrides": {"input_views": ["native_crop"]}}
    ood = {"command": "python3 -m training.evaluation.robustness --protocol ood",
           "models": {"this version": {"per_kind": {"jpeg": 0.95, "noise": 0.75}, "overall": 0.85},
                      "BRISQUE": {"per_kind": {"jpeg": 0.46, "noise": -0.72}, "overall": -0.13}}}
    folder = export([trained[1], trained[1]], "dpiqa_student_mobilenetv2", "0.0.1",
                    {**ensemble_report({"a": plain, "b": native}), "ood": ood}, {}, tmp_path)
    card = (folder / "MODEL_CARD.md").read_text()
    assert f"`[B,6,{SIZE},{SIZE}]`" in card and "the centre window at the photo's own pixels" in card
    assert "| this version | +0.95 | +0.75 | +0.850 |" in card and "| BRISQUE | +0.46 | -0.72 | -0.130 |" in card
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["input"]["views"] == ["whole", "native_crop"] and manifest["input"]["channels"] == 6
    model = torch.jit.load(str(folder / "model.pt"))
    whole, crop = torch.rand(1, 3, SIZE, SIZE), torch.rand(1, 3, SIZE, SIZE)
    with torch.no_grad():
        score, qmap = model(torch.cat([whole, crop], 1))
        (score_whole, map_whole), (score_crop, _) = trained[0](whole), trained[0](crop)
    # Each member reads its own view; the crop's map covers the centre only, so the photo's map is the whole's.
    assert torch.allclose(score, (score_whole + score_crop) / 2, atol=1e-5)
    assert torch.allclose(qmap, map_whole, atol=1e-5)
    golden = json.loads((folder / "golden" / "golden.json").read_text())
    assert golden["tensor_case"]["shape"][1] == 6
    case = golden["cases"][0]
    with torch.no_grad():
        replayed = model(model_input(folder / "golden" / case["image"], SIZE, SIZE, ("whole", "native_crop"))[None])
    assert abs(float(replayed[0][0]) - case["score"]) <= golden["tolerance"]["score"]


def test_the_cards_out_of_domain_rows_come_from_the_protocols_report():
    from training.export.model_cache import ood_figures
    from training.paths import REPORTS_DIR
    report = REPORTS_DIR / "ood_robustness.json"
    rows = ood_figures(str(report), "dpiqa_student_mobilenetv2/0.4.0", "0.4.0")
    source = json.loads(report.read_text())
    assert list(rows["models"]) == ["0.4.0", "BRISQUE"] and rows["command"] == source["command"]
    assert rows["models"]["0.4.0"]["per_kind"] == source["models"]["dpiqa_student_mobilenetv2/0.4.0"]["per_kind"]
    with pytest.raises(KeyError):
        ood_figures(str(report), "no/such", "0.4.0")
