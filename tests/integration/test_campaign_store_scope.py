"""A 店长 sees and acts on its own store's campaigns only; its campaigns reach its store's customers only."""
from chalicelib.adapters import template_store
from tests.integration.sms_helpers import SIGNATURE, manager, shop, with_signature  # noqa: F401 (fixtures)


def _approved_template(tenant_id: str) -> None:
    template_store.create(tenant_id, {"template_id": "tpl1", "name": "会员日", "kind": "marketing",
                                      "text": "{name}您好，本周六会员日全场九折", "status": "approved",
                                      "provider": "sns", "provider_code": None, "chars": 30, "parts": 1,
                                      "warnings": [], "created_by": "test", "created_at": "2026-11-01T00:00:00+00:00"})


def test_a_store_manager_cannot_see_or_send_a_tenant_wide_campaign_and_its_own_reaches_its_store_only(
        api, shop, manager):
    # Given a signature, an approved template and a campaign the 企业管理员 made for every store
    tenant_id, admin = shop
    with_signature(api, admin, SIGNATURE)
    _approved_template(tenant_id)
    body = {"name": "会员日", "rules": {"all": []}, "template_id": "tpl1", "holdout_share": 0}
    everyone = api.post("/api/campaigns", body, admin).data["campaign_id"]

    # When the 店长 of 南山店 looks for it, it does not exist for them
    assert api.get(f"/api/campaigns/{everyone}", manager).status_code == 404
    assert api.post(f"/api/campaigns/{everyone}/preview", token=manager).status_code == 404
    assert api.post(f"/api/campaigns/{everyone}/send", token=manager).status_code == 404
    assert api.get(f"/api/campaigns/{everyone}/messages", manager).status_code == 404
    assert api.get(f"/api/campaigns/{everyone}/report", manager).status_code == 404
    assert api.get("/api/campaigns", manager).data["total"] == 0

    # Then the 店长's own campaign counts only 南山店's two customers (both agreed), and the admin sees both campaigns
    own = api.post("/api/campaigns", body, manager).data["campaign_id"]
    check = api.post(f"/api/campaigns/{own}/preview", token=manager).data
    assert check["recipients"] + check["held_out"] == 2 and sum(check["excluded"].values()) == 0
    assert api.get("/api/campaigns", admin).data["total"] == 2
    assert api.get(f"/api/campaigns/{own}", admin).status_code == 200
