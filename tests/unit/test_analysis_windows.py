"""The 客户分析 presets (frontend/src/user/views/analysis/windows.js), run in node: end today, or whole months."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

WINDOWS = Path(__file__).resolve().parents[2] / "frontend/src/user/views/analysis/windows.js"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node builds the frontend; it runs this too")


def windows(now: str, months: int) -> dict:
    script = (f"import {{ presetWindow, chinaTodayText }} from {json.dumps(WINDOWS.as_uri())};"
              f"const now = new Date({json.dumps(now)});"
              f"console.log(JSON.stringify({{today: presetWindow({months}, false, now), whole: presetWindow({months}, true, now),"
              f" day: chinaTodayText(now)}}))")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_preset_ends_today_and_spans_the_months_asked():
    assert windows("2026-04-15T04:00:00Z", 3)["today"] == ["2026-01-16", "2026-04-15"]
    assert windows("2026-04-15T04:00:00Z", 12)["today"] == ["2025-04-16", "2026-04-15"]


def test_today_is_the_china_date_even_when_utc_is_still_yesterday():
    # 2026-04-14 17:30 UTC is 2026-04-15 01:30 in China
    got = windows("2026-04-14T17:30:00Z", 6)
    assert got["day"] == "2026-04-15" and got["today"] == ["2025-10-16", "2026-04-15"]


def test_at_a_month_end_the_window_starts_on_the_first_of_a_month():
    assert windows("2026-05-31T04:00:00Z", 3)["today"] == ["2026-03-01", "2026-05-31"]  # February has no 31st
    assert windows("2026-03-31T04:00:00Z", 12)["today"] == ["2025-04-01", "2026-03-31"]
    assert windows("2024-02-29T04:00:00Z", 12)["today"] == ["2023-03-01", "2024-02-29"]


def test_whole_months_end_at_the_end_of_last_month_as_the_monthly_analysis_does():
    assert windows("2026-04-15T04:00:00Z", 3)["whole"] == ["2026-01-01", "2026-03-31"]
    assert windows("2026-01-01T00:30:00Z", 12)["whole"] == ["2025-01-01", "2025-12-31"]
