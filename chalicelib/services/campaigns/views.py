"""A campaign as the API shows it: names of what it uses, counts, progress and cost."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import plan_store, segment_store, template_store, user_store
from chalicelib.domain.campaigns.status import LABELS

NO_RECEIPT_AFTER = timedelta(hours=72)


def yuan(li: int) -> str:
    """0.001-yuan units as yuan with two decimals (half up)."""
    return f"{(li + 5) // 10 / 100:.2f}"


def detail(tenant_id: str, campaign: dict) -> dict:
    template = template_store.get(tenant_id, campaign["template_id"]) or {}
    segment = segment_store.get(tenant_id, campaign["segment_id"]) if campaign.get("segment_id") else None
    plan = plan_store.get(campaign["plan_id"]) if campaign.get("plan_id") else None
    keys = ("campaign_id", "name", "kind", "status", "status_note", "segment_id", "rules", "holdout_share", "send_at",
            "created_at", "created_by", "planned_at", "started_at", "finished_at", "parts")
    return {**{key: campaign.get(key) for key in keys},
            "status_label": LABELS.get(campaign["status"], campaign["status"]),
            "segment_name": segment["name"] if segment else None,
            "template": {"template_id": campaign["template_id"], "name": template.get("name"),
                         "text": campaign.get("text") or template.get("text"), "kind": template.get("kind"),
                         "status": template.get("status")},
            "plan": {"plan_id": plan["plan_id"], "name": plan.get("title") or plan.get("name")} if plan else None,
            "counts": counts(campaign), "progress": progress(campaign),
            "cost_yuan": cost_yuan(campaign), "created_by_name": _display_name(campaign.get("created_by"))}


def _display_name(username: str | None) -> str | None:
    """Who made it, by display name; the login name when the account is gone (生日关怀: none)."""
    return user_store.display_names([username]).get(username, username) if username else username


def delivered_parts(campaign: dict) -> int:
    """The parts of the delivered messages (each message's own; a campaign counted before that: its longest's)."""
    counted = campaign.get("delivered_parts")
    return int(counted) if counted is not None else campaign["delivered"] * max(campaign["parts"], 1)


def cost_yuan(campaign: dict) -> str:
    """What the delivered parts cost: providers bill a message once its receipt says delivered."""
    return yuan(delivered_parts(campaign) * campaign["price_li"])


def counts(campaign: dict, now: datetime | None = None) -> dict:
    """Planned, sent, delivered, failed and the rest; "no receipt" once the sending ended 72 hours ago."""
    now = now or datetime.now(timezone.utc)
    finished = campaign.get("finished_at")
    waiting = max(campaign["sent"] - campaign["delivered"] - campaign["failed"], 0)
    late = finished and now - datetime.fromisoformat(finished) > NO_RECEIPT_AFTER
    return {"planned": campaign["planned"], "sent": campaign["sent"], "delivered": campaign["delivered"],
            "failed": campaign["failed"], "unknown": campaign.get("unknown", 0), "no_receipt": waiting if late else 0,
            "held_out": campaign["held_out"], "opted_out": campaign["opted_out"],
            "excluded": sum(campaign["excluded"].values())}


def progress(campaign: dict) -> float:
    """Share of the planned recipients handled, from the same counts the page shows beside it (1 when done)."""
    if campaign["status"] == "done":
        return 1.0
    handled = campaign["sent"] + campaign.get("unknown", 0)  # not failed: it also counts receipts of sent ones
    return round(min(handled / campaign["planned"], 1.0), 4) if campaign["planned"] else 0.0
