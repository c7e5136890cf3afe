"""A campaign through the real Aliyun SDK against the loopback dysmsapi: throttled, an answer lost after
accepting, redelivered — every number is handed to the provider exactly once."""
from chalicelib.adapters import campaign_store, template_store
from chalicelib.services.campaigns import control
from tests.integration.campaign_helpers import IN_WINDOW, TENANT, draft, ready_tenant, receive_all, run_chunks
from tests.integration.test_sms_gateway import loopback  # noqa: F401  (fixture)


def test_throttling_and_a_lost_answer_never_send_a_number_twice_through_aliyun(aws, loopback):  # noqa: F811
    ready_tenant(150)
    template_store.create(TENANT, {"template_id": "tpl-ali", "name": "会员日", "kind": "marketing",
                                   "text": "{name}您好，本周六会员日全场九折", "status": "approved", "provider": "aliyun",
                                   "provider_code": "SMS_100000001", "chars": 30, "parts": 1, "warnings": [],
                                   "created_by": "t", "created_at": "2026-11-01T00:00:00+00:00"})
    campaign_id = draft(template_id="tpl-ali")
    control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    chunks, requeued = receive_all(), []
    loopback.throttle()
    assert run_chunks(chunks, None, requeued=requeued) == ["throttled", "sent"]
    loopback.hang_after_accepting()
    assert run_chunks(requeued, None) == ["sent"]  # first 50: answer lost → unknown; next 50 sent
    run_chunks(chunks + requeued, None)  # the queue delivers everything again
    numbers = [mobile for mobile, _signature, _params in loopback.sent()]
    assert len(numbers) == 150 and len(set(numbers)) == 150
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["sent"], campaign["unknown"]) == ("done", 100, 50)
