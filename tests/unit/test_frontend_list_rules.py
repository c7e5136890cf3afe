"""The frontend's one way to load and show a list (issue 14): views fetch through useLoad / usePagedList (only the
newest answer counts), never by setting `loading.value = true` themselves, and lists page through the shared
ListBlock / ListPager, never an el-pagination of their own."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "frontend/src"
VIEWS = sorted(p for p in SRC.glob("*/views/**/*") if p.suffix in {".vue", ".js"})
HAND_LOADING = re.compile(r"\bloading\.value\s*=\s*true\b")
OWN_PAGER = re.compile(r"<el-pagination\b")


def relative(path: Path) -> str:
    return str(path.relative_to(SRC))


def test_there_are_views_to_check():
    assert len(VIEWS) > 50


@pytest.mark.parametrize("rule, pattern, fix", [
    ("sets loading.value = true by hand", HAND_LOADING, "load through useLoad or usePagedList (shared/)"),
    ("renders its own el-pagination", OWN_PAGER, "show the list in shared/ListBlock.vue (or ListPager)"),
])
def test_no_view_loads_or_pages_by_hand(rule, pattern, fix):
    offenders = [relative(p) for p in VIEWS if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"{rule}: {offenders}; {fix}"


def test_only_the_shared_pager_renders_el_pagination():
    files = sorted(p for p in SRC.rglob("*.vue") if OWN_PAGER.search(p.read_text(encoding="utf-8")))
    assert [relative(p) for p in files] == ["shared/ListPager.vue"]


def run_use_load(steps: str) -> dict:
    """Runs useLoad in node against frontend/node_modules' vue (outside a component: nothing unmounts)."""
    if shutil.which("node") is None or not (SRC.parent / "node_modules/vue").exists():
        pytest.skip("node and the frontend's node_modules build the frontend; they run this too")
    module = json.dumps((SRC / "shared/useLoad.js").as_uri())
    script = f"""import {{ useLoad }} from {module};
const waiting = [];
const fetch = () => new Promise((resolve, reject) => waiting.push({{ resolve, reject }}));
const state = useLoad(fetch, 'none');
{steps}
console.log(JSON.stringify({{ data: state.data.value, loading: state.loading.value,
  error: state.error.value && state.error.value.message }}));"""
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=60, cwd=SRC.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_use_load_keeps_the_newest_answer_when_an_older_one_arrives_later():
    assert run_use_load("""const older = state.load(); const newer = state.load();
waiting[1].resolve('newer'); await newer; waiting[0].resolve('older'); await older;""") == \
        {"data": "newer", "loading": False, "error": None}


def test_use_load_ignores_an_older_failure_and_stays_loading_for_the_newest():
    assert run_use_load("""const older = state.load(); state.load();
waiting[0].reject(new Error('旧请求失败')); await older;""") == {"data": "none", "loading": True, "error": None}


def test_use_load_shows_the_newest_failure_and_clear_forgets_a_running_request():
    assert run_use_load("""const first = state.load(); waiting[0].reject(new Error('加载失败')); await first;""") == \
        {"data": "none", "loading": False, "error": "加载失败"}
    assert run_use_load("""const asked = state.load(); state.clear(); waiting[0].resolve('late'); await asked;""") == \
        {"data": "none", "loading": False, "error": None}
