"""门店: stores from imported orders, names added by hand, and analyses and comparisons limited to one store."""
import io
from collections import Counter
from urllib.parse import quote

import openpyxl
import pytest

from chalicelib.domain.rfm.compare import POSITIONS
from chalicelib.domain.rfm_classes import CLASS_NAMES
from tests.integration.analysis_helpers import saved
from tests.integration.helpers import approved_tenant, log_in
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, customer_rows, run_import

ORDER_HEADER = "订单编号,客户编码,下单时间,订单金额,门店"
ORDERS = [  # China time; a customer's store is the one of most purchases (a tie: the latest purchase's)
    "SO1,C00001,2026-03-25 10:00,500.00,南山店", "SO2,C00001,2026-03-28 10:00,500.00,南山店",
    "SO3,C00001,2026-03-30 10:00,500.00,福田店",
    "SO4,C00002,2026-01-05 10:00,20.00,福田店",
    "SO5,C00003,2026-03-20 10:00,50.00,南山店", "SO6,C00003,2026-03-21 10:00,60.00,福田店",
    "SO7,C00004,2026-02-10 10:00,800.00,福田店", "SO9,C00004,2025-12-01 10:00,80.00,福田店",
    "SO8,C00005,2025-12-20 10:00,300.00,南山店",  # before the March window: no purchase in it
]  # C00006 never ordered: no store
STORES = {"南山店": {"C00001", "C00005"}, "福田店": {"C00002", "C00003", "C00004"}}
FIRST = {"start": "2025-12-01", "end": "2026-02-28"}


@pytest.fixture
def tenant(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    assert run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(6)))[
        "status"] == "completed"
    assert run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *ORDERS))["status"] == "completed"
    return tenant_id, token


def whole_results(api, token: str, analysis_id: str) -> dict:
    """customer_code -> row of the analysis' customers, every store."""
    items = api.get(f"/api/analyses/{analysis_id}/customers?size=100", token=token).data["items"]
    return {row["customer_code"]: row for row in items}


def test_the_stores_list_counts_each_store_customers_by_class_and_keeps_names_added_by_hand(api, aws, tenant):
    _, token = tenant
    # Given an analysis saved and customers' classes updated
    analysis = saved(api, aws, token)
    classes = {code: row["rfm_class"] for code, row in whole_results(api, token, analysis["analysis_id"]).items()}
    # When a store is added by hand
    assert api.post("/api/stores", {"name": " 宝安店 "}, token=token).status_code == 201
    assert api.post("/api/stores", {"name": ""}, token=token).status_code == 400
    listed = api.get("/api/stores", token=token).data
    # Then each store lists its customers by current class, the hand-added one with none
    rows = {row["name"]: row for row in listed["items"]}
    assert set(rows) == {"南山店", "福田店", "宝安店"}
    for name, codes in STORES.items():
        assert rows[name]["customers"] == len(codes)
        expected = Counter(classes.get(code, "无购买") for code in codes)
        assert {label: n for label, n in rows[name]["classes"].items() if n} == dict(expected)
    assert rows["宝安店"]["customers"] == 0
    assert listed["unassigned"]["customers"] == 1  # C00006
    # And the home page carries the same table
    assert api.get("/api/dashboard", token=token).data["stores"]["items"] == listed["items"]


def test_an_analysis_limited_to_a_store_equals_the_same_figures_over_its_customers(api, aws, tenant):
    _, token = tenant
    analysis = saved(api, aws, token)
    everyone = whole_results(api, token, analysis["analysis_id"])
    for store, codes in STORES.items():
        # When the analysis is opened for one store
        shown = api.get(f"/api/analyses/{analysis['analysis_id']}?store={store}", token=token).data
        mine = [row for code, row in everyone.items() if code in codes]
        # Then counts, shares and the grid are over its customers; the thresholds stay the analysis's own
        assert shown["store"] == store and shown["thresholds"] == analysis["thresholds"]
        assert shown["customers_total"] == len(codes) and shown["customers_analysed"] == len(mine)
        assert shown["no_purchase"] == len(codes) - len(mine)
        for name in CLASS_NAMES:
            count = sum(1 for row in mine if row["rfm_class"] == name)
            assert shown["classes"][name]["count"] == count
            assert shown["classes"][name]["share"] == pytest.approx(count / len(mine))
        cells = Counter((row["r_score"], row["f_score"]) for row in mine)
        assert [[cell["count"] for cell in row] for row in shown["grid"]] == [
            [cells[(r, f)] for f in range(1, 6)] for r in range(1, 6)]
        # And its customers page and export hold only the store's customers
        page = api.get(f"/api/analyses/{analysis['analysis_id']}/customers?store={store}", token=token).data
        assert {row["customer_code"] for row in page["items"]} == {row["customer_code"] for row in mine}
        export = api.client.http.get(f"/api/analyses/{analysis['analysis_id']}/export?store={quote(store)}",
                                     headers={"Authorization": f"Bearer {token}", "Accept": "*/*"})
        sheet = openpyxl.load_workbook(io.BytesIO(export.body))["客户明细"]
        assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {r["customer_code"] for r in mine}


def test_an_unknown_store_shows_an_empty_analysis_with_a_note(api, aws, tenant):
    _, token = tenant
    analysis = saved(api, aws, token)
    shown = api.get(f"/api/analyses/{analysis['analysis_id']}?store=不存在的店", token=token)
    assert shown.status_code == 200
    assert shown.data["customers_analysed"] == 0 and "不存在的店" in shown.data["store_note"]


def test_a_comparison_limited_to_a_store_counts_only_its_customers_moves(api, aws, tenant):
    _, token = tenant
    before, after = saved(api, aws, token, **FIRST), saved(api, aws, token)
    was, now = whole_results(api, token, before["analysis_id"]), whole_results(api, token, after["analysis_id"])
    query = f"from={before['analysis_id']}&to={after['analysis_id']}"
    for store, codes in STORES.items():
        shown = api.get(f"/api/comparisons?{query}&store={store}", token=token).data
        # Then the matrix equals the moves of the store's customers, counted by hand
        expected = [[0] * len(POSITIONS) for _ in POSITIONS]
        for code in codes & (set(was) | set(now)):
            start = POSITIONS.index(was[code]["rfm_class"]) if code in was else len(CLASS_NAMES)
            end = POSITIONS.index(now[code]["rfm_class"]) if code in now else len(CLASS_NAMES)
            expected[start][end] += 1
        assert shown["matrix"] == expected
        assert shown["to"]["customers_total"] == len(codes)
        movers = api.get(f"/api/comparisons/customers?{query}&store={store}&size=100", token=token).data
        assert {row["customer_code"] for row in movers["items"]} <= codes


def test_a_store_manager_sees_analyses_comparisons_and_stores_of_its_own_store_only(api, aws, tenant):
    _, admin = tenant
    before, after = saved(api, aws, admin, **FIRST), saved(api, aws, admin)
    # Given a 店长 of 福田店 and a 只读 account
    for username, role, mobile, extra in (("futian1", "store_manager", "13700000011", {"store": "福田店"}),
                                          ("viewer1", "tenant_readonly", "13700000012", {})):
        created = api.post("/api/accounts", {"username": username, "display_name": "王店长", "mobile": mobile,
                                             "password": "Shop2026ab", "role": role, **extra}, token=admin)
        assert created.status_code == 201, created.data
    manager = log_in(api, "futian1", "Shop2026ab", "13700000011")
    reader = log_in(api, "viewer1", "Shop2026ab", "13700000012")
    mine, analysis_id = STORES["福田店"], after["analysis_id"]
    # When it opens the analysis, asking for every store or for another store
    for asked in ("", "?store=南山店"):
        shown = api.get(f"/api/analyses/{analysis_id}{asked}", token=manager).data
        # Then it sees its own store's figures and customers only
        assert shown["store"] == "福田店" and shown["customers_total"] == len(mine)
        page = api.get(f"/api/analyses/{analysis_id}/customers{asked}", token=manager).data
        assert {row["customer_code"] for row in page["items"]} <= mine
        compared = api.get(f"/api/comparisons?from={before['analysis_id']}&to={analysis_id}", token=manager).data
        assert sum(map(sum, compared["matrix"])) <= len(mine) and compared["to"]["store"] == "福田店"
    assert api.get(f"/api/analyses/{analysis_id}/customers/C00001", token=manager).status_code == 404
    assert [row["name"] for row in api.get("/api/stores", token=manager).data["items"]] == ["福田店"]
    home = api.get("/api/dashboard", token=manager).data
    assert home["latest"]["store"] == "福田店" and home["customers"] == len(mine)
    # And it may export its store's analysis, but not run analyses or add stores; 只读 exports nothing
    export = api.client.http.get(f"/api/analyses/{analysis_id}/export", headers={
        "Authorization": f"Bearer {manager}", "Accept": "*/*"})
    assert {row[0] for row in openpyxl.load_workbook(io.BytesIO(export.body))["客户明细"].iter_rows(
        min_row=2, values_only=True)} <= mine
    assert api.post("/api/analyses", {**FIRST}, token=manager).status_code == 403
    assert api.post("/api/stores", {"name": "宝安店"}, token=manager).status_code == 403
    assert api.get(f"/api/analyses/{analysis_id}", token=reader).status_code == 200
    assert api.get(f"/api/analyses/{analysis_id}/export", token=reader).status_code == 403
