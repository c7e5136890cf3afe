"""In-memory stand-ins for the SMS stores, the usage counters, the audit log and the provider gateway."""
from chalicelib.adapters.sms.errors import ProviderRejected

DEFAULT_SETTINGS = {"signature": "", "frequency_days": 7, "frequency_count": 1, "daily_per_number": 1,
                    "birthday_enabled": False, "birthday_template_id": None, "daily_cap": None, "monthly_cap": None}


class FakeSettings:
    def __init__(self, **stored):
        self.stored = {**DEFAULT_SETTINGS, **stored}

    def get(self, tenant_id):
        return dict(self.stored)

    def update(self, tenant_id, changes, actor):
        self.stored.update(changes)
        return dict(self.stored)

    @staticmethod
    def signed_by(signature):
        return []


class FakeUsage:
    @staticmethod
    def used(tenant_id, day):
        return 0, 0


class FakePlatform:
    """The platform's 字典 settings as saved: marketing ¥0.055 a part, caps 20,000 a day and 300,000 a month."""

    @staticmethod
    def sms_price_li(kind="marketing"):
        return 55 if kind == "marketing" else 45

    @staticmethod
    def tenant_sms_caps(_tenant_id, stored):
        daily, monthly = stored.get("daily_cap"), stored.get("monthly_cap")
        return (20000 if daily is None else daily), (300000 if monthly is None else monthly)


class FakeTemplates:
    def __init__(self, *templates):
        self.items = {t["template_id"]: t for t in templates}
        self.decisions = []

    def get(self, tenant_id, template_id):
        return self.items.get(template_id)

    def create(self, tenant_id, item):
        self.items[item["template_id"]] = {"reason": None, "decided_at": None, **item}
        return self.items[item["template_id"]]

    def pending_reviews(self, provider):
        return [{**t, "tenant_id": "t1"} for t in self.items.values() if t["status"] == "pending"]

    def decide(self, tenant_id, template_id, status, reason):
        if self.items[template_id]["status"] != "pending":
            return False
        self.items[template_id].update(status=status, reason=reason)
        self.decisions.append((template_id, status, reason))
        return True


class FakeGateway:
    name = "fake"

    def __init__(self, answers=None, refuse=None):
        self.answers, self.refuse, self.submitted = answers or {}, refuse, []

    def submit_template(self, kind, name, text):
        if self.refuse:
            raise ProviderRejected("isv.TEMPLATE_ILLEGAL", self.refuse)
        self.submitted.append((kind, name, text))
        return f"SMS_{len(self.submitted)}"

    def template_status(self, code, submitted_at):
        answer = self.answers[code]
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeLedger:
    def __init__(self, *opted_out):
        self.opted = set(opted_out)
        self.evidence = []

    def opt_out(self, tenant_id, entries):
        self.evidence += [(e["mobile"], True, e["source"]) for e in entries]
        fresh = list(dict.fromkeys(e["mobile"] for e in entries if e["mobile"] not in self.opted))
        self.opted.update(fresh)
        return fresh

    def opt_in(self, tenant_id, mobile, source, by, at, source_ref=""):
        self.evidence.append((mobile, False, source))
        changed = mobile in self.opted
        self.opted.discard(mobile)
        return changed

    def is_opted_out(self, tenant_id, mobile):
        return mobile in self.opted
