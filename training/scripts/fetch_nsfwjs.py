"""Fetch the MobileNetV2-1.4 backbone of npm `nsfwjs@4.4.0` (MIT) as a plain TF.js graph model.

nsfwjs bundles its models as browserify JS modules (the model JSON, and each weight shard as a base64 string);
node unwraps them into the standard `model.json` + `weights.bin` pair that `training.models.tfjs` reads. The
weights are TF-Hub's ImageNet MobileNetV2-1.4 (Apache-2.0) fine-tuned by nsfwjs on five NSFW classes; only the
convolutions are used (`models.mobilenetv2.load_tfjs_weights`). Needs `npm` and `node`; the result is checked
against a pinned sha256 so a changed package is refused, not trained on.

    python3 -m training.scripts.fetch_nsfwjs            # -> training/.cache/pretrained/nsfwjs-4.4.0/mobilenet_v2_mid
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..export.onnx_model import sha256_of
from ..models.registry import get_config
from ..paths import FETCHED_DIR

PACKAGE = "nsfwjs@4.4.0"
MODEL = "mobilenet_v2_mid"
_CONFIG = get_config("dpiqa_student_mobilenetv2_140")
DESTINATION = FETCHED_DIR / _CONFIG["backbone_weights"]
WEIGHTS_SHA256 = _CONFIG["backbone_weights_sha256"]

# Loads the bundle's modules with node's own `require` and writes one weights.bin in manifest order.
_UNWRAP = """
const fs = require('fs'), path = require('path');
const [src, out] = process.argv.slice(1);
const spec = require(path.join(src, 'model.min.js'));
for (const group of spec.weightsManifest) {
  fs.appendFileSync(path.join(out, 'weights.bin'),
    Buffer.concat(group.paths.map(p => Buffer.from(require(path.join(src, p + '.min.js')), 'base64'))));
  group.paths = ['weights.bin'];
}
fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(spec));
"""


def unwrap(bundle: Path, out: Path) -> None:
    """nsfwjs's JS-module model folder -> model.json + weights.bin in `out` (one weight group expected)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "weights.bin").unlink(missing_ok=True)
    subprocess.run(["node", "-e", _UNWRAP, str(bundle.resolve()), str(out.resolve())], check=True)


def fetch(destination: Path = DESTINATION) -> Path:
    if (destination / "weights.bin").exists() and sha256_of(destination / "weights.bin") == WEIGHTS_SHA256:
        return destination
    for tool in ("npm", "node"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: install Node.js (Debian: apt-get install nodejs npm) to fetch {PACKAGE}")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", tmp, "--silent"], check=True,
                       stdout=subprocess.DEVNULL)
        with tarfile.open(next(Path(tmp).glob("nsfwjs-*.tgz"))) as tar:
            wanted = [m for m in tar.getmembers() if m.isfile() and (
                m.name == "package/LICENSE" or m.name.startswith(f"package/dist/models/{MODEL}/"))]
            tar.extractall(tmp, members=wanted)
        staged = Path(tmp) / "staged"
        unwrap(Path(tmp) / "package" / "dist" / "models" / MODEL, staged)
        if sha256_of(staged / "weights.bin") != WEIGHTS_SHA256:
            raise SystemExit(f"{PACKAGE}: weights differ from the pinned sha256; refusing to use them")
        shutil.copy(Path(tmp) / "package" / "LICENSE", staged / "LICENSE")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(destination, ignore_errors=True)
        shutil.copytree(staged, destination)
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DESTINATION)
    print(fetch(parser.parse_args().out))


if __name__ == "__main__":
    main()
