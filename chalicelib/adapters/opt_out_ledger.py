"""退订台账 (opt_outs table), one ledger per tenant by mobile number.

"m#<mobile>" is the number's current state (opted_out, and the source, ref, by and time of the change that
set it); "e#<mobile>#<at>#<random>" items are the evidence, one per opt-out or opt-in ever received, kept
even when the state did not change. A single change claims the state with a conditional write, so parallel
requests for one number change it once; a batch (an import) reads the states once and writes in batches.
"""
import secrets

import numpy as np
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters import opt_out_snapshot
from chalicelib.adapters.guards import conditional
from chalicelib.adapters.sms_models import OptOutModel

FIELDS = ("mobile", "source", "source_ref", "by", "at")
SINGLE = 10  # up to this many numbers are claimed one by one; more are written in batches


def opt_out(tenant_id: str, entries: list[dict]) -> list[str]:
    """Opt the numbers out {mobile, source, source_ref, by, at}; the numbers that were not opted out before."""
    if len(entries) <= SINGLE:
        changed = [e["mobile"] for e in entries if _claim(tenant_id, e, True)]
    else:
        before = set(opted_out_mobiles(tenant_id).tolist())
        fresh = list({e["mobile"]: e for e in entries if e["mobile"] not in before}.values())
        _write(tenant_id, [_state(tenant_id, e, True) for e in fresh])
        changed = [e["mobile"] for e in fresh]
        if changed:
            opt_out_snapshot.changed(tenant_id)
    _write(tenant_id, [_evidence(tenant_id, e, True) for e in entries])
    return changed


def opt_in(tenant_id: str, mobile: str, source: str, by: str, at: str, source_ref: str = "") -> bool:
    """Take the number off the ledger (its evidence stays); False when it was not opted out."""
    entry = {"mobile": mobile, "source": source, "source_ref": source_ref, "by": by, "at": at}
    changed = _claim(tenant_id, entry, False)
    _write(tenant_id, [_evidence(tenant_id, entry, False)])
    return changed


def is_opted_out(tenant_id: str, mobile: str) -> bool:
    return state(tenant_id, mobile) is not None


def state(tenant_id: str, mobile: str) -> dict | None:
    """The change that put the number on the ledger; None when it is not opted out."""
    try:
        item = OptOutModel.get(tenant_id, f"m#{mobile}", consistent_read=True)
    except DoesNotExist:
        return None
    return _as_dict(item) if item.opted_out else None


def opted_out_among(tenant_id: str, mobiles: list[str]) -> set[str]:
    """Which of these numbers (at most 100) are opted out right now: one consistent batch read of their states."""
    keys = [(tenant_id, f"m#{mobile}") for mobile in dict.fromkeys(mobiles)]
    return {item.mobile for item in OptOutModel.batch_get(keys, consistent_read=True) if item.opted_out}


def opted_out_mobiles(tenant_id: str) -> np.ndarray:
    """Every opted-out number of the tenant (from the snapshot object while no state changed since it was built)."""
    return opt_out_snapshot.read(tenant_id, lambda: _query_mobiles(tenant_id))


def _query_mobiles(tenant_id: str) -> np.ndarray:
    """One query of the state items, projected to the number."""
    items = OptOutModel.query(tenant_id, OptOutModel.entry_key.startswith("m#"),
                              filter_condition=OptOutModel.opted_out == True,  # noqa: E712
                              attributes_to_get=["mobile"])
    return np.asarray([item.mobile for item in items], dtype=str)


def states(tenant_id: str) -> list[dict]:
    """Every opted-out number with the change that put it on the ledger."""
    items = OptOutModel.query(tenant_id, OptOutModel.entry_key.startswith("m#"),
                              filter_condition=OptOutModel.opted_out == True)  # noqa: E712
    return [_as_dict(item) for item in items]


def page(tenant_id: str, q: str, page_no: int, size: int) -> tuple[list[dict], int]:
    """Opted-out numbers containing `q`, latest change first, one page of them and how many there are."""
    found = [state for state in states(tenant_id) if q in state["mobile"]]
    found.sort(key=lambda state: (state["at"], state["mobile"]), reverse=True)
    start = (page_no - 1) * size
    return found[start:start + size], len(found)


def history(tenant_id: str, mobile: str) -> list[dict]:
    """Every opt-out and opt-in received for the number, newest first."""
    items = OptOutModel.query(tenant_id, OptOutModel.entry_key.startswith(f"e#{mobile}#"), scan_index_forward=False)
    return [{**_as_dict(item), "opted_out": bool(item.opted_out)} for item in items]


def _claim(tenant_id: str, entry: dict, opted_out: bool) -> bool:
    """Set the state when it differs; False when it already was so (another request may have set it)."""
    if opted_out:
        condition = OptOutModel.entry_key.does_not_exist() | (OptOutModel.opted_out == False)  # noqa: E712
    else:
        condition = OptOutModel.opted_out == True  # noqa: E712
    item = _state(tenant_id, entry, opted_out)
    actions = [getattr(OptOutModel, name).set(getattr(item, name)) for name in (*FIELDS, "opted_out")]
    if not conditional(item.update, actions=actions, condition=condition):
        return False
    opt_out_snapshot.changed(tenant_id)
    return True


def _state(tenant_id: str, entry: dict, opted_out: bool) -> OptOutModel:
    return OptOutModel(tenant_id, f"m#{entry['mobile']}", opted_out=opted_out,
                       **{name: entry.get(name) or "" for name in FIELDS})


def _evidence(tenant_id: str, entry: dict, opted_out: bool) -> OptOutModel:
    key = f"e#{entry['mobile']}#{entry['at']}#{secrets.token_hex(4)}"
    return OptOutModel(tenant_id, key, opted_out=opted_out, **{name: entry.get(name) or "" for name in FIELDS})


def _write(tenant_id: str, items: list[OptOutModel]) -> None:
    with OptOutModel.batch_write() as batch:
        for item in items:
            batch.save(item)


def _as_dict(item: OptOutModel) -> dict:
    return {name: getattr(item, name) or "" for name in FIELDS}
