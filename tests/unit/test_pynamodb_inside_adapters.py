"""PynamoDB stays inside chalicelib/adapters/: nothing else imports the model modules or writes a model itself
(stores return records and own their conditional writes). ALLOWED lists the modules not brought to that shape
yet; each is removed from it when its store returns records."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL_MODULES = {f"chalicelib.adapters.{name}" for name in ("models", "sms_models", "platform_models")}
MODEL_WRITE = re.compile(r"\.save\(\)|\.save\(condition=|\.update\(actions=")
ALLOWED: dict[str, str] = {}  # path relative to the repository -> why it still may (none left)


def _outside_adapters() -> list[Path]:
    return [ROOT / "app.py", *(path for path in ROOT.glob("chalicelib/**/*.py")
                               if "adapters" not in path.relative_to(ROOT / "chalicelib").parts)]


def _model_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in MODEL_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in MODEL_MODULES:
            found.append(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module == "chalicelib.adapters":
            found += [f"chalicelib.adapters.{alias.name}" for alias in node.names
                      if f"chalicelib.adapters.{alias.name}" in MODEL_MODULES]
    return found


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_outside_adapters_imports_the_pynamodb_models():
    found = [f"{_relative(path)}: {name}" for path in _outside_adapters() for name in _model_imports(path)
             if _relative(path) not in ALLOWED]
    assert found == []


def test_no_module_outside_adapters_saves_or_updates_a_model_itself():
    found = [f"{_relative(path)}:{number}: {line.strip()}" for path in _outside_adapters() if _relative(path) not in ALLOWED
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if MODEL_WRITE.search(line)]
    assert found == []
