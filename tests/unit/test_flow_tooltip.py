"""The comparison Sankey's tooltip (frontend/src/user/views/comparisons/flowTooltip.js), run in node."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[2] / "frontend/src/user/views/comparisons/flowTooltip.js"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def tooltip(params: dict) -> str:
    script = (f"import {{ flowTooltip }} from {json.dumps(MODULE.as_uri())};"
              f"console.log(flowTooltip({json.dumps(params, ensure_ascii=False)}))")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_flow_reads_from_class_to_class_and_how_many_people():
    edge = {"dataType": "edge", "data": {"source": "上次：重要价值客户", "target": "本次：一般保持客户", "value": 1234}}
    assert tooltip(edge) == "重要价值客户 → 一般保持客户：1,234 人"


def test_a_class_on_either_side_reads_which_side_and_how_many_people():
    assert tooltip({"dataType": "node", "name": "本次：无购买", "value": 7}) == "本次 无购买：7 人"
