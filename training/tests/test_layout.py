"""The package's parts by job, each importing only the parts before it: data, models, recipes, export, evaluation
(training/__init__.py). Read from the import statements, so an import that runs back up fails here."""
import ast
from pathlib import Path

import training

ROOT = Path(training.__file__).parent
ORDER = ("data", "models", "recipes", "export", "evaluation")
# The one import up the order: recipes choose checkpoints with the evaluation's metrics (numpy and scipy only).
UPWARD = {("training.recipes.fit", "training.evaluation.metrics")}


def imported(path: Path) -> set[str]:
    """The training modules (or names in them) that `path` imports, relative imports resolved."""
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            package = parts[:len(parts) - node.level] if node.level else ()
            base = ".".join(package + ((node.module,) if node.module else ()))
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("training.")}


def test_no_part_imports_a_part_after_it():
    upward = []
    for rank, part in enumerate(ORDER):
        for path in sorted((ROOT / part).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
            for name in imported(path):
                target = name.split(".")[1]
                if target in ORDER[rank + 1:] and not any(module == m and name.startswith(t) for m, t in UPWARD):
                    upward.append(f"{module} imports {name}")
    assert upward == []


def test_every_module_belongs_to_a_part():
    flat = sorted(p.name for p in ROOT.glob("*.py")) + sorted(
        p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in ORDER)
    assert flat == ["__init__.py", "paths.py", "scripts", "tests"]  # paths: where the repository and its data lie
