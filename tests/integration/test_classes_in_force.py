"""The classes in force: from the saved analysis with the latest window end, or the one set as current."""
import threading

from chalicelib.services.analyses import class_update
from chalicelib.services.imports.lease import ImportBusy
from tests.integration.analysis_helpers import classes_of, deliver_analyses, preview, saved, tenant  # noqa: F401 (fixture)
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import ORDER_HEADER, csv_file, run_import

NEWER = {"start": "2026-01-01", "end": "2026-03-31"}
OLDER = {"start": "2025-10-01", "end": "2025-12-31"}  # only C00005 bought then


def classes_in(api, token, analysis_id) -> dict:
    """What the customers' classes should be with `analysis_id` in force."""
    items = api.get(f"/api/analyses/{analysis_id}/customers?size=100", token=token).data["items"]
    found = {c["customer_code"]: c["rfm_class"] for c in items}
    return {code: found.get(code, "无购买") for code in classes_of(api, token)}


def in_force(api, token) -> str | None:
    listed = api.get("/api/analyses", token=token).data
    flagged = [item["analysis_id"] for item in listed["items"] if item["current"]]
    assert flagged == ([listed["current_id"]] if listed["current_id"] else [])
    assert api.get("/api/customers", token=token).data["analysis_id"] == listed["current_id"]
    latest = api.get("/api/dashboard", token=token).data["latest"]
    assert (latest and latest["analysis_id"]) == listed["current_id"]
    return listed["current_id"]


def test_saving_an_older_window_after_a_newer_one_leaves_the_newer_classes_in_force(api, aws, tenant):
    _, token = tenant
    newer = saved(api, aws, token, **NEWER)["analysis_id"]
    expected = classes_of(api, token)
    # When an analysis of an older window is saved, to compare with
    older = saved(api, aws, token, **OLDER)
    # Then the customers keep the newer analysis' classes, and every page names the newer one as in force
    assert classes_of(api, token) == expected == classes_in(api, token, newer)
    assert in_force(api, token) == newer
    assert older["class_update"]["status"] == "superseded" and older["current"] is False
    assert older["class_update"]["status_label"] == "未用于当前分类"
    customers = api.get("/api/customers", token=token).data["current_analysis"]
    assert customers["params"]["end"] == "2026-03-31" and customers["current"] is True and "grid" not in customers


def test_setting_an_older_analysis_as_current_moves_the_classes_and_back(api, aws, tenant):
    _, token = tenant
    newer = saved(api, aws, token, **NEWER)["analysis_id"]
    older = saved(api, aws, token, **OLDER)["analysis_id"]
    # When the user sets the older one as current (设为当前分类)
    answer = api.post(f"/api/analyses/{older}/current", token=token)
    assert answer.status_code == 200 and answer.data["current"] and answer.data["class_update"]["status"] == "pending"
    deliver_analyses(aws)
    # Then its classes are the customers' classes
    assert in_force(api, token) == older
    assert classes_of(api, token) == classes_in(api, token, older)
    assert classes_of(api, token)["C00005"] != "无购买" and classes_of(api, token)["C00001"] == "无购买"
    assert api.get(f"/api/analyses/{older}", token=token).data["class_update"]["status"] == "done"
    assert api.get(f"/api/analyses/{newer}", token=token).data["class_update"]["status"] == "superseded"
    # When the newer one is set as current again, its classes come back
    api.post(f"/api/analyses/{newer}/current", token=token)
    deliver_analyses(aws)
    assert in_force(api, token) == newer and classes_of(api, token) == classes_in(api, token, newer)


def test_a_later_window_saved_after_the_choice_takes_over(api, aws, tenant):
    _, token = tenant
    first = saved(api, aws, token, start="2026-01-01", end="2026-02-28")["analysis_id"]
    older = saved(api, aws, token, **OLDER)["analysis_id"]
    api.post(f"/api/analyses/{older}/current", token=token)
    deliver_analyses(aws)
    assert in_force(api, token) == older and first
    newest = saved(api, aws, token, **NEWER)["analysis_id"]
    assert in_force(api, token) == newest and classes_of(api, token) == classes_in(api, token, newest)


def test_setting_a_missing_or_unsaved_analysis_as_current_is_refused(api, aws, tenant):
    _, token = tenant
    draft = preview(api, token)["analysis_id"]
    assert api.post(f"/api/analyses/{draft}/current", token=token).status_code == 404
    assert api.post("/api/analyses/20260101000000nothere/current", token=token).status_code == 404
    _, other = approved_tenant(api, 2)
    mine = saved(api, aws, token)["analysis_id"]
    assert api.post(f"/api/analyses/{mine}/current", token=other).status_code == 404


def test_deleting_the_analysis_in_force_falls_back_to_the_next_and_then_to_unanalysed(api, aws, tenant):
    _, token = tenant
    older = saved(api, aws, token, **OLDER)["analysis_id"]
    newer = saved(api, aws, token, **NEWER)["analysis_id"]
    # When the analysis in force is deleted
    assert api.call("DELETE", f"/api/analyses/{newer}", token=token).status_code == 200
    deliver_analyses(aws)
    # Then the classes come from the next one by the same rule
    assert in_force(api, token) == older and classes_of(api, token) == classes_in(api, token, older)
    assert api.get(f"/api/analyses/{older}", token=token).data["class_update"]["status"] == "done"
    # And with none left every customer is 未分析 again
    api.call("DELETE", f"/api/analyses/{older}", token=token)
    deliver_analyses(aws)
    assert in_force(api, token) is None and set(classes_of(api, token).values()) == {None}
    distribution = {c["name"]: c["count"] for c in api.get("/api/customers/distribution", token=token).data["classes"]}
    assert distribution["未分析"] == 6


def test_deleting_an_analysis_not_in_force_changes_no_class(api, aws, tenant):
    _, token = tenant
    older = saved(api, aws, token, **OLDER)["analysis_id"]
    newer = saved(api, aws, token, **NEWER)["analysis_id"]
    before = classes_of(api, token)
    api.call("DELETE", f"/api/analyses/{older}", token=token)
    deliver_analyses(aws)
    assert classes_of(api, token) == before and in_force(api, token) == newer


def test_the_monthly_analysis_of_an_older_window_does_not_replace_a_newer_manual_one(api, aws, tenant):
    tenant_id, token = tenant
    newer = saved(api, aws, token, **NEWER)["analysis_id"]
    before = classes_of(api, token)
    # When the monthly analysis runs on 15 March: its window ends 2026-02-28, before the manual one's
    from datetime import date

    from chalicelib.services.analyses import monthly
    assert monthly.run(tenant_id, date(2026, 3, 15)) == "saved"
    deliver_analyses(aws)
    assert in_force(api, token) == newer and classes_of(api, token) == before
    assert api.get("/api/analyses/monthly-2026-02", token=token).data["class_update"]["status"] == "superseded"


def test_two_class_updates_started_at_once_leave_the_classes_of_the_latest_window(api, aws, tenant):
    tenant_id, token = tenant
    # Given a newer and an older window saved one after the other, their updates still queued
    newer = api.post(f"/api/analyses/{preview(api, token, **NEWER)['analysis_id']}/save", token=token).data
    older = api.post(f"/api/analyses/{preview(api, token, **OLDER)['analysis_id']}/save", token=token).data
    # When both workers start at the same instant (one holds the tenant's lease, the other is told to wait)
    start, outcomes = threading.Barrier(2), {}

    def run(analysis_id):
        start.wait()
        try:
            outcomes[analysis_id] = class_update.apply(tenant_id, analysis_id, owner=f"test-{analysis_id}")
        except ImportBusy:
            outcomes[analysis_id] = "busy"

    threads = [threading.Thread(target=run, args=(a["analysis_id"],)) for a in (older, newer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # and whichever waited runs after, and the queued messages are delivered too (in any order)
    for analysis_id, outcome in list(outcomes.items()):
        if outcome == "busy":
            class_update.apply(tenant_id, analysis_id, owner="test-retry")
    deliver_analyses(aws)
    # Then the classes are the newer window's, whatever ran last
    assert in_force(api, token) == newer["analysis_id"]
    assert classes_of(api, token) == classes_in(api, token, newer["analysis_id"])
    statuses = {a: api.get(f"/api/analyses/{a}", token=token).data["class_update"]["status"]
                for a in (newer["analysis_id"], older["analysis_id"])}
    assert statuses == {newer["analysis_id"]: "done", older["analysis_id"]: "superseded"}


def test_the_older_windows_update_running_last_does_not_overwrite_the_newer_classes(api, aws, tenant):
    tenant_id, token = tenant
    newer = api.post(f"/api/analyses/{preview(api, token, **NEWER)['analysis_id']}/save", token=token).data
    older = api.post(f"/api/analyses/{preview(api, token, **OLDER)['analysis_id']}/save", token=token).data
    assert class_update.apply(tenant_id, newer["analysis_id"], owner="first").endswith("changed")
    class_update.apply(tenant_id, older["analysis_id"], owner="second")
    assert classes_of(api, token) == classes_in(api, token, newer["analysis_id"])


def test_the_home_page_and_the_list_say_when_the_data_changed_after_the_analysis_in_force(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token, **NEWER)["analysis_id"]
    assert api.get("/api/dashboard", token=token).data["latest"]["data_changed"] is False
    assert api.get("/api/analyses", token=token).data["items"][0]["data_changed"] is False
    # When an order import is rolled back
    job = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, "SO50,C00002,2026-03-30 10:00,80.00"))
    assert api.get("/api/dashboard", token=token).data["latest"]["data_changed"] is True
    assert api.post(f"/api/imports/{job['import_id']}/rollback", token=token).status_code == 200
    # Then (orders are back to what the analysis saw: the same batches and counts) nothing is flagged
    board = api.get("/api/dashboard", token=token).data
    assert board["latest"]["data_changed"] is False
    # When the batch the analysis saw is rolled back, the home page and the list flag it
    first_orders = [j for j in api.get("/api/imports?size=100", token=token).data["items"]
                    if j["kind"] == "orders" and j["status"] == "completed"][-1]
    api.post(f"/api/imports/{first_orders['import_id']}/rollback", token=token)
    board = api.get("/api/dashboard", token=token).data
    assert board["orders"] == 0 and board["latest"]["data_changed"] is True
    assert api.get("/api/analyses", token=token).data["items"][0]["data_changed"] is True
    assert api.get(f"/api/analyses/{analysis_id}", token=token).data["data_changed"] is True
