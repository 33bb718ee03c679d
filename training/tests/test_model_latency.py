"""bench/model_latency.py: models are timed as the newest shipped version serves them."""
import json

from bench import model_latency


def write_manifest(root, version, size, config):
    folder = root / "dpiqa_student_mobilenetv2" / version
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"input": {"height": size, "width": size}, "config": config}))


def test_serving_shape_is_the_newest_versions_compared_as_numbers(tmp_path):
    for version, size in (("0.9.0", 512), ("0.10.0", 384), ("0.2.0", 448)):
        write_manifest(tmp_path, version, size, {})
    assert model_latency.serving_shape("dpiqa_student_mobilenetv2", tmp_path) == (384, 1)
    assert model_latency.serving_shape("dpiqa_student_mobilenetv2", tmp_path, "0.9.0") == (512, 1)
    assert model_latency.serving_shape("unshipped", tmp_path) is None


def test_an_ensemble_is_timed_with_all_its_networks(tmp_path):
    write_manifest(tmp_path, "1.0.0", 96, {"ensemble_of": 2})
    model = model_latency.served_model("dpiqa_student_mobilenetv2", tmp_path)
    assert len(model.members) == 2 and model.dpiqa_config["input_size"] == 96
    assert model.dpiqa_config["ensemble_of"] == 2
