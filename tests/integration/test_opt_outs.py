"""退订台账: one per tenant by number, fed by the page, the bulk API, imports, the customer page and replies;
every entry kept as evidence."""
import json

import pytest

from chalicelib.adapters import opt_out_ledger
from chalicelib.adapters.sms_models import OptOutModel
from chalicelib.domain.sms.requests import OptOutRequest
from chalicelib.services.sms import opt_outs
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import csv_file, run_import
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)
from tests.integration.sms_helpers import CUSTOMERS, HEADER, reader, shop  # noqa: F401 (fixtures)


def test_a_number_registered_twice_is_opted_out_once_with_both_entries_kept_as_evidence(api, shop):
    first = api.post("/api/opt-outs", {"mobile": "138 1234 0009"}, token=shop[1])
    again = api.post("/api/opt-outs", {"mobile": "13812340009"}, token=shop[1])
    assert (first.status_code, again.status_code) == (201, 200), (first.data, again.data)
    assert first.data == {"mobile": "13812340009", "opted_out": True, "source": "manual", "at": first.data["at"]}
    assert again.data["at"] == first.data["at"]  # the ledger keeps the change that opted it out
    listed = api.get("/api/opt-outs", token=shop[1]).data
    assert (listed["total"], [(i["mobile"], i["source_label"], i["by"]) for i in listed["items"]]) == (
        1, [("13812340009", "手工登记", "pharmacy1")])
    history = api.get("/api/opt-outs/history?mobile=13812340009", token=shop[1]).data
    assert (history["opted_out"], len(history["items"])) == (True, 2)


def test_an_invalid_number_is_refused_with_422_and_a_read_only_login_may_only_look(api, shop, reader):
    bad = api.post("/api/opt-outs", {"mobile": "12345"}, token=shop[1])
    assert (bad.status_code, bad.data["code"]) == (422, "INVALID_MOBILE")
    assert api.get("/api/opt-outs/history?mobile=12345", token=shop[1]).status_code == 422
    assert api.post("/api/opt-outs", {"mobile": "13812340009"}, token=reader).status_code == 403
    api.post("/api/opt-outs", {"mobile": "13812340009"}, token=shop[1])
    assert [i["mobile"] for i in api.get("/api/opt-outs?q=0009", token=reader).data["items"]] == ["138****0009"]
    assert api.get("/api/opt-outs?q=7777", token=shop[1]).data == {"items": [], "total": 0}


def test_parallel_registrations_of_one_number_leave_one_state_and_one_creation(shop, atomic_dynamodb):  # noqa: F811
    results = all_at_once(*[lambda: opt_outs.add(shop[0], "pharmacy1", OptOutRequest(mobile="13812340009"))] * 4)
    assert [created for _, created in results].count(True) == 1
    items = list(OptOutModel.query(shop[0]))
    assert [i.entry_key for i in items if i.entry_key.startswith("m#")] == ["m#13812340009"]
    assert len([i for i in items if i.entry_key.startswith("e#")]) == 4


def test_an_imports_withdrawn_consent_lands_in_the_ledger_and_its_yes_never_clears_it(api, aws, shop):
    withdrawn = [CUSTOMERS[0].replace(",会员,是,", ",会员,否,"), *CUSTOMERS[1:]]
    job = run_import(api, aws, shop[1], "customers", csv_file(HEADER, *withdrawn))
    items = api.get("/api/opt-outs", token=shop[1]).data["items"]
    assert [(i["mobile"], i["source"], i["source_ref"]) for i in items] == [("13812340001", "import", job["import_id"])]
    run_import(api, aws, shop[1], "customers", csv_file(HEADER, *CUSTOMERS))  # 是 again
    assert opt_out_ledger.opted_out_mobiles(shop[0]).tolist() == ["13812340001"]


def test_the_detail_switch_opts_out_and_back_in_with_the_user_as_evidence(api, shop):
    off = api.put("/api/customers/C00001", {"sms_consent": False}, token=shop[1])
    assert off.status_code == 200, off.data
    assert opt_out_ledger.is_opted_out(shop[0], "13812340001")
    api.put("/api/customers/C00001", {"sms_consent": True}, token=shop[1])
    history = api.get("/api/opt-outs/history?mobile=13812340001", token=shop[1]).data
    assert (history["opted_out"], [(i["opted_out"], i["source"], i["by"]) for i in history["items"]]) == (
        False, [(False, "detail", "pharmacy1"), (True, "detail", "pharmacy1")])


def test_the_customer_page_shows_a_replied_opt_out_and_switching_consent_on_takes_it_off_the_ledger(api, shop):
    opt_out_ledger.opt_out(shop[0], [{"mobile": "13812340002", "source": "reply", "source_ref": "TD", "by": "",
                                      "at": "2026-11-30T01:00:00+00:00"}])
    assert api.get("/api/opt-outs", token=shop[1]).data["items"][0]["source_label"] == "退订回复"
    shown = api.get("/api/customers/C00002", token=shop[1]).data
    assert shown["customer"]["sms_consent"] is True
    assert (shown["opt_out"]["source_label"], shown["opt_out"]["at"]) == ("退订回复", "2026-11-30T01:00:00+00:00")
    assert api.get("/api/customers/C00001", token=shop[1]).data["opt_out"] is None
    edited = api.put("/api/customers/C00002", {"sms_consent": True}, token=shop[1]).data
    assert edited["opt_out"] is None and not opt_out_ledger.is_opted_out(shop[0], "13812340002")


def test_an_erp_reports_opt_outs_with_its_api_key_and_learns_which_numbers_it_got_wrong(api, shop):
    key = api.post("/api/api-keys", {"name": "ERP"}, token=shop[1]).data["key"]
    api.post("/api/opt-outs", {"mobile": "13812340002"}, token=shop[1])
    body = {"mobiles": ["13812340001", "13812340001", "13812340002", "110"]}
    answer = api.client.http.post("/api/bulk/opt-outs", body=json.dumps(body),
                                  headers={"Content-Type": "application/json", "X-Api-Key": key})
    data = json.loads(answer.body)
    assert (answer.status_code, data["received"], data["opted_out"], data["already"], data["repeated"]) == (
        200, 4, 1, 1, 1)  # one number in each: 4 received
    assert [i["index"] for i in data["invalid"]] == [3]
    sources = {i["mobile"]: i["source"] for i in api.get("/api/opt-outs", token=shop[1]).data["items"]}
    assert sources == {"13812340001": "api", "13812340002": "manual"}
    refused = api.client.http.post("/api/bulk/opt-outs", body=json.dumps(body),
                                   headers={"Content-Type": "application/json", "X-Api-Key": "jzyx_wrong"})
    assert refused.status_code == 401


@pytest.mark.parametrize("mobile", [["13812340001"], {"n": "13812340001"}, True])
def test_a_number_that_is_not_text_is_no_number(api, shop, mobile):
    answer = api.post("/api/opt-outs", {"mobile": mobile}, token=shop[1])
    assert answer.status_code in (400, 422) and answer.data["message"], answer.data
    assert api.get("/api/opt-outs", token=shop[1]).data["total"] == 0


def test_a_search_without_digits_finds_nothing(api, shop):
    api.post("/api/opt-outs", {"mobile": "13812340002"}, token=shop[1])
    assert api.get("/api/opt-outs?q=%27%22%3C%3E%25", token=shop[1]).data == {"items": [], "total": 0}
    assert api.get("/api/opt-outs?q=340002", token=shop[1]).data["total"] == 1


def test_a_large_batch_writes_new_states_and_evidence_for_every_entry(shop):
    opt_out_ledger.opt_out(shop[0], [{"mobile": "13900000000", "source": "manual", "by": "u", "at": "2026-01-01"}])
    entries = [{"mobile": f"139000000{n:02d}", "source": "import", "source_ref": "imp1", "by": "", "at": "2026-02-01"}
               for n in range(15)]
    changed = opt_out_ledger.opt_out(shop[0], entries)
    assert sorted(changed) == [f"139000000{n:02d}" for n in range(1, 15)]
    assert len(opt_out_ledger.opted_out_mobiles(shop[0])) == 15
    assert opt_out_ledger.state(shop[0], "13900000000")["source"] == "manual"  # the first opt-out stays the state
    assert len(opt_out_ledger.history(shop[0], "13900000000")) == 2


def test_one_tenants_ledger_is_invisible_to_another(api, shop):
    api.post("/api/opt-outs", {"mobile": "13812340009"}, token=shop[1])
    other_id, other = approved_tenant(api, 2)
    assert api.get("/api/opt-outs", token=other).data["total"] == 0
    assert not opt_out_ledger.is_opted_out(other_id, "13812340009")


def test_the_opted_out_numbers_come_from_one_snapshot_that_every_change_renews(shop, monkeypatch):
    # Given a ledger whose snapshot was just built
    tenant_id = shop[0]
    opt_out_ledger.opt_out(tenant_id, [{"mobile": "13900000001", "source": "manual", "by": "u", "at": "2026-01-01"}])
    assert opt_out_ledger.opted_out_mobiles(tenant_id).tolist() == ["13900000001"]

    # When nothing changed, the next read does not query the states at all
    def no_query(_tenant_id):
        raise AssertionError("the snapshot was current: no query expected")
    with monkeypatch.context() as patched:
        patched.setattr(opt_out_ledger, "_query_mobiles", no_query)
        assert opt_out_ledger.opted_out_mobiles(tenant_id).tolist() == ["13900000001"]

    # Then an opt-out, a batch of them and an opt-in each show in the very next read
    opt_out_ledger.opt_out(tenant_id, [{"mobile": "13900000002", "source": "reply", "by": "", "at": "2026-01-02"}])
    assert sorted(opt_out_ledger.opted_out_mobiles(tenant_id).tolist()) == ["13900000001", "13900000002"]
    batch = [{"mobile": f"1390000010{n}", "source": "import", "by": "", "at": "2026-01-03"} for n in range(10)]
    batch.append({"mobile": "13900000200", "source": "import", "by": "", "at": "2026-01-03"})
    opt_out_ledger.opt_out(tenant_id, batch)
    assert len(opt_out_ledger.opted_out_mobiles(tenant_id)) == 13
    opt_out_ledger.opt_in(tenant_id, "13900000001", "detail", "u", "2026-01-04")
    assert "13900000001" not in opt_out_ledger.opted_out_mobiles(tenant_id).tolist()
