"""bench/model_latency.py: models are timed as the newest shipped version serves them."""
import json

from bench import model_latency


def write_manifest(root, version, size, config):
    folder = root / "dpiqa_student_mobilenetv2" / version
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"input": {"height": size, "width": size}, "config": config}))


def one_network(size):
    return [{"name": "dpiqa_student_mobilenetv2", "input_size": size, "weight": 1.0}]


def test_serving_networks_are_the_newest_versions_compared_as_numbers(tmp_path):
    for version, size in (("0.9.0", 512), ("0.10.0", 384), ("0.2.0", 448)):
        write_manifest(tmp_path, version, size, {})
    assert model_latency.serving_networks("dpiqa_student_mobilenetv2", tmp_path) == one_network(384)
    assert model_latency.serving_networks("dpiqa_student_mobilenetv2", tmp_path, "0.9.0") == one_network(512)
    assert model_latency.serving_networks("unshipped", tmp_path) is None


def test_an_ensemble_is_timed_with_all_its_networks(tmp_path):
    write_manifest(tmp_path, "1.0.0", 96, {"ensemble_of": 2})
    model = model_latency.served_model("dpiqa_student_mobilenetv2", tmp_path)
    assert len(model.members) == 2 and model.dpiqa_config["input_size"] == 96
    assert model.dpiqa_config["ensemble_of"] == 2


def test_a_composed_version_is_timed_with_each_member_at_its_own_size(tmp_path):
    members = [{"name": "dpiqa_student_mobilenetv2", "input_size": 96, "weight": 0.75},
               {"name": "dpiqa_student_mobilenetv2", "input_size": 64, "weight": 0.25}]
    write_manifest(tmp_path, "1.0.0", 96, {"ensemble_of": 2, "members": members})
    model = model_latency.served_model("dpiqa_student_mobilenetv2", tmp_path)
    assert [m.dpiqa_config["input_size"] for m in model.members] == [96, 64] and model.weights == [0.75, 0.25]
    assert model.dpiqa_config["input_size"] == 96  # the smaller member's input is resized inside the graph


def test_a_version_composed_by_reference_is_timed_with_the_versions_it_is_served_beside(tmp_path):
    write_manifest(tmp_path, "1.0.0", 128, {})
    write_manifest(tmp_path, "2.0.0", 128, {"ensemble_of": 2, "members": [
        {"name": "dpiqa_student_mobilenetv2", "input_size": 64, "weight": 0.5},
        {"name": "dpiqa_student_mobilenetv2", "input_size": 64, "weight": 0.5}]})
    manifest = tmp_path / "dpiqa_student_mobilenetv2" / "2.0.0" / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "compose": {
        "self": 0.4, "versions": [{"name": "dpiqa_student_mobilenetv2", "version": "1.0.0", "weight": 0.6}]}}))
    networks = model_latency.serving_networks("dpiqa_student_mobilenetv2", tmp_path)
    assert [(n["input_size"], n["weight"]) for n in networks] == [(64, 0.2), (64, 0.2), (128, 0.6)]
