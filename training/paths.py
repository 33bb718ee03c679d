"""Where the repository and the read-only shared data sit; shared/ lies beside the checkout."""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DPIQA_SHARED", REPO_ROOT.parent / "shared"))
PRETRAINED_DIR = SHARED / "pretrained"
CACHE_DIR = REPO_ROOT / "training" / ".cache"  # features computed once per image, not tracked
FETCHED_DIR = CACHE_DIR / "pretrained"  # weights fetched from package registries (training.scripts.fetch_*)
REPORTS_DIR = REPO_ROOT / "reports"  # evaluation reports and figures, tracked
