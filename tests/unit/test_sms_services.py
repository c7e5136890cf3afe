"""The SMS settings, template, review and opt-out rules, on in-memory fakes."""
import pytest

from chalicelib.adapters.sms.errors import ProviderThrottled
from chalicelib.domain.sms.requests import SettingsRequest, TemplateRequest
from chalicelib.errors import Conflict, TooManyRequests, Unprocessable, ValidationFailed
from chalicelib.services.sms import opt_outs, settings, template_review, templates
from tests.fakes.audit import FakeAudit
from tests.fakes.guards import FakeGuards
from tests.unit.sms_fakes import (
    FakeGateway,
    FakeLedger,
    FakePlatform,
    FakeSettings,
    FakeTemplates,
    FakeUsage,
)

MARKETING = {"template_id": "m1", "name": "会员日", "kind": "marketing", "text": "九折", "status": "approved"}


def _update(stored: FakeSettings, templates_=None, **body):
    return settings.update("t1", "boss", SettingsRequest(**body), settings=stored,
                           templates=templates_ or FakeTemplates(), usage=FakeUsage(), audit=FakeAudit(),
                           platform=FakePlatform(), locks=FakeGuards())


def test_settings_change_only_the_fields_sent_and_keep_the_signature_without_brackets():
    stored = FakeSettings(frequency_days=14)
    answer = _update(stored, signature=" 【康宁药房】 ")
    assert (answer["signature"], answer["frequency_days"], answer["daily_cap"]) == ("康宁药房", 14, 20000)


def test_birthday_care_on_refuses_a_rejected_template_and_accepts_an_approved_one():
    rejected = FakeTemplates({**MARKETING, "status": "rejected"})
    with pytest.raises(ValidationFailed, match="尚未通过审核"):
        _update(FakeSettings(birthday_template_id="m1"), rejected, birthday_enabled=True)
    assert _update(FakeSettings(birthday_template_id="m1"), FakeTemplates(MARKETING),
                   birthday_enabled=True)["birthday_enabled"] is True


def test_switching_birthday_care_off_needs_no_template():
    assert _update(FakeSettings(birthday_enabled=True), birthday_enabled=False,
                   birthday_template_id=None)["birthday_enabled"] is False


def _create(gateway, signature="康宁药房", text="{name}您好，会员日九折", kind="marketing"):
    stored = FakeTemplates()
    answer = templates.create("t1", "boss", TemplateRequest(name="会员日", kind=kind, text=text),
                              settings=FakeSettings(signature=signature), templates=stored, gateway=gateway,
                              audit=FakeAudit())
    return answer, stored


def test_a_template_is_submitted_to_the_provider_and_stored_pending_with_its_code():
    gateway = FakeGateway()
    answer, stored = _create(gateway)
    assert gateway.submitted == [("marketing", "会员日", "{name}您好，会员日九折")]
    kept = stored.items[answer["template_id"]]
    assert (answer["status"], kept["provider"], kept["provider_code"]) == ("pending", "fake", "SMS_1")


def test_a_blocked_text_never_reaches_the_provider():
    gateway = FakeGateway()
    with pytest.raises(Unprocessable) as raised:
        _create(gateway, text="【店庆】会员日九折")
    assert gateway.submitted == [] and raised.value.details[0]["rule"] == "bracket"


def test_without_a_signature_nothing_is_checked_or_submitted():
    gateway = FakeGateway()
    with pytest.raises(Conflict) as raised:
        _create(gateway, signature="")
    assert raised.value.code == "SIGNATURE_MISSING" and gateway.submitted == []


def test_the_providers_refusal_or_throttling_reaches_the_user_as_something_to_do():
    with pytest.raises(Unprocessable, match="变量格式不符"):
        _create(FakeGateway(refuse="变量格式不符"))

    class Busy(FakeGateway):
        def submit_template(self, kind, name, text):
            raise ProviderThrottled(1.0)

    with pytest.raises(TooManyRequests):
        _create(Busy())


def _pending(template_id, code):
    return {"template_id": template_id, "provider_code": code, "created_at": "2026-11-30T00:00:00Z",
            "status": "pending", "name": template_id, "kind": "marketing", "text": "x"}


def test_the_poll_decides_answered_reviews_and_leaves_the_rest_for_the_next_poll():
    stored = FakeTemplates(_pending("a", "A"), _pending("b", "B"), _pending("c", "C"), _pending("d", "D"))
    gateway = FakeGateway({"A": ("approved", None), "B": ("rejected", "含处方药"), "C": ("pending", None),
                           "D": ProviderThrottled(2.0)})
    counts = template_review.poll(templates=stored, gateway=gateway)
    assert counts == {"checked": 4, "approved": 1, "rejected": 1}
    assert stored.decisions == [("a", "approved", None), ("b", "rejected", "含处方药")]


def test_only_an_imports_withdrawals_with_a_number_join_the_ledger():
    ledger = FakeLedger()
    events = [{"mobile": "13800000001", "sms_consent": False, "source_ref": "imp", "at": "t"},
              {"mobile": "13800000002", "sms_consent": True, "source_ref": "imp", "at": "t"},
              {"mobile": "", "sms_consent": False, "source_ref": "imp", "at": "t"}]
    assert opt_outs.from_import("t1", events, ledger=ledger) == ["13800000001"]
    assert ledger.evidence == [("13800000001", True, "import")]


def test_the_detail_switch_on_touches_the_ledger_only_for_an_opted_out_number():
    ledger = FakeLedger("13800000001")
    assert opt_outs.from_detail("t1", "13800000002", True, "boss", "t", ledger=ledger) is False
    assert opt_outs.from_detail("t1", "13800000001", True, "boss", "t", ledger=ledger) is True
    assert ledger.evidence == [("13800000001", False, "detail")]
    assert opt_outs.from_detail("t1", "", False, "boss", "t", ledger=ledger) is False
