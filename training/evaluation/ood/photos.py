"""The out-of-domain photos: photographs shipped in Debian's wallpaper packages, fetched by `apt-get download`
and prepared once into a cache outside git (they are GPL-2+ artwork: recorded, not redistributed).

Chosen by content, before any model was scored on them: every photograph of the packages (nature, landscape,
architecture, still life), none of their digital paintings or abstract renderings. Each is reduced once (area
filter) to at most `LONG_SIDE` pixels on its long side, a common upload cap, which also averages away the
packages' own compression; smaller photos stay as they are.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2
import numpy as np

from ... import paths

CACHE_DIR = paths.CACHE_DIR / "ood"
LONG_SIDE = 2048
LICENCE = "GPL-2+"


@dataclass(frozen=True)
class Photo:
    package: str
    path: str  # inside the package
    author: str

    @property
    def name(self) -> str:
        parts = Path(self.path).parts
        if "wallpapers" in parts:  # KDE keeps one folder per photo, its images named by resolution
            return parts[parts.index("wallpapers") + 1]
        return Path(self.path).stem


_MATE = "/usr/share/backgrounds/mate/nature/"
_KDE = "/usr/share/wallpapers/{}/contents/images/2560x1600.jpg"
PHOTOS = (
    *(Photo("mate-backgrounds", _MATE + f, a) for f, a in (
        ("Aqua.jpg", "Charles Barbin"), ("LadyBird.jpg", "Charles Barbin"), ("YellowFlower.jpg", "Charles Barbin"),
        ("Garden.jpg", "Charles Barbin"), ("Blinds.jpg", "Lennart Poettering, Andrea Cimitan"),
        ("Dune.jpg", "Marco Cogoni, Hylke Bons"), ("FreshFlower.jpg", "Jens Ansorg"),
        ("GreenMeadow.jpg", "Timothy Schellhase, Lapo Calamandrei"), ("RainDrops.jpg", "MATE artists (AUTHORS)"),
        ("Storm.jpg", "MATE artists (AUTHORS)"), ("TwoWings.jpg", "MATE artists (AUTHORS)"),
        ("Wood.jpg", "MATE artists (AUTHORS)"))),
    *(Photo("plasma-workspace-wallpapers", _KDE.format(n), "KDE Visual Design Group contributors") for n in (
        "BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf", "Grey",
        "OneStandsOut", "Path", "summer_1am")),
)


def prepared(photos=PHOTOS, cache: Path = CACHE_DIR) -> list[tuple[Photo, np.ndarray]]:
    """(photo, HxWx3 uint8 RGB) for each photo, fetching its package the first time."""
    out = []
    for photo in photos:
        target = cache / "photos" / f"{photo.name}.png"
        if not target.exists():
            _prepare(photo, _extracted(photo.package, cache), target)
        out.append((photo, cv2.cvtColor(cv2.imread(str(target), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)))
    return out


def provenance(photos=PHOTOS, cache: Path = CACHE_DIR) -> dict:
    """What the report records of where the photos came from."""
    versions = {}
    for package in sorted({p.package for p in photos}):
        stamp = cache / "packages" / f"{package}.json"
        versions[package] = json.loads(stamp.read_text())["version"] if stamp.exists() else None
    return {"source": "Debian bookworm packages, fetched with apt-get download", "licence": LICENCE,
            "long_side_cap": LONG_SIDE, "packages": versions, "photos": [asdict(p) | {"name": p.name} for p in photos]}


def _extracted(package: str, cache: Path) -> Path:
    root = cache / "packages" / package
    if root.exists():
        return root
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(["apt-get", "download", package], cwd=tmp, check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as e:
            detail = getattr(e, "stderr", "") or str(e)
            raise RuntimeError(f"could not download Debian package {package} for the out-of-domain photos "
                               f"(run 'apt-get update' first?): {detail.strip()}") from e
        deb = next(Path(tmp).glob(f"{package}_*.deb"))
        version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True, capture_output=True,
                                 text=True).stdout.strip()
        partial = root.with_suffix(".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(partial)], check=True)
        partial.rename(root)
    (root.parent / f"{package}.json").write_text(json.dumps({"package": package, "version": version}))
    return root


def _prepare(photo: Photo, root: Path, target: Path) -> None:
    source = root / photo.path.lstrip("/")
    bgr = cv2.imread(str(source), cv2.IMREAD_COLOR)
    if bgr is None:
        raise RuntimeError(f"{source}: not a readable image (package layout changed?)")
    h, w = bgr.shape[:2]
    scale = LONG_SIDE / max(h, w)
    if scale < 1:
        bgr = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    target.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(target), bgr)
