"""bench/model_latency.py: models are timed at the input size the newest shipped version serves."""
import json

from bench import model_latency


def test_serving_size_is_the_newest_versions_compared_as_numbers(tmp_path):
    for version, size in (("0.9.0", 512), ("0.10.0", 384), ("0.2.0", 448)):
        folder = tmp_path / "m" / version
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text(json.dumps({"input": {"height": size, "width": size}}))
    assert model_latency.serving_size("m", tmp_path) == 384
    assert model_latency.serving_size("unshipped", tmp_path) is None
