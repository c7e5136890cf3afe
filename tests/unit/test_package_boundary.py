"""The deployed package (app.py and chalicelib/) never imports local/: the demo data, the local stack's seed and
its development tools stay out of the Lambda package."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = [ROOT / "app.py", *ROOT.glob("chalicelib/**/*.py")]


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_nothing_in_the_deployed_package_imports_local():
    found = [f"{path.relative_to(ROOT)}: {name}" for path in PACKAGED for name in _imported_modules(path)
             if name == "local" or name.startswith("local.")]
    assert found == []


def test_the_demo_data_lives_under_local():
    assert (ROOT / "local" / "demo" / "files.py").exists()
    assert not list(ROOT.glob("chalicelib/**/demo*.py")) and not list(ROOT.glob("chalicelib/**/seed.py"))
