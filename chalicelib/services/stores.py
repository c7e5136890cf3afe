"""The tenant's stores (门店): every name its customers carry plus names added by hand, with class counts."""
import numpy as np

from chalicelib.adapters import audit_log, customers, store_names
from chalicelib.domain.rfm_classes import CLASS_LABELS
from chalicelib.domain.stores import MAX_ADDED_NAMES, class_counts, clean_name
from chalicelib.errors import Conflict


def list_stores(tenant_id: str, store: str = "", *, customers=customers, names=store_names) -> dict:
    """Each store with its customers by class; a 店长 (`store` set) sees its own store only."""
    columns = customers.columns(tenant_id, ["store", "rfm_class"])
    rows, unassigned = class_counts(columns["store"], columns["rfm_class"], CLASS_LABELS, names.added(tenant_id))
    if store:
        own = [row for row in rows if row["name"] == store]
        return {"items": own or [_empty(store)], "unassigned": None, "labels": list(CLASS_LABELS)}
    return {"items": rows, "unassigned": unassigned, "labels": list(CLASS_LABELS)}


def add_store(tenant_id: str, name, actor: str, *, names=store_names) -> dict:
    """Add a store name by hand (e.g. for a 店长 account before the store's customers are imported)."""
    name = clean_name(name)
    if not names.add(tenant_id, name, MAX_ADDED_NAMES):
        raise Conflict(f"手动添加的门店最多 {MAX_ADDED_NAMES} 个；导入带门店列的订单或客户后，门店会自动出现",
                       code="TOO_MANY_STORES")
    audit_log.record_tenant(tenant_id, actor, "添加门店", name)
    return {"name": name}


def members(tenant_id: str, store: str, *, customers=customers) -> np.ndarray:
    """Codes of the customers whose store in force is `store` (sorted)."""
    columns = customers.columns(tenant_id, ["store"])
    return columns["customer_code"][columns["store"] == store]


def note(store: str, count: int) -> str:
    """What a store-limited view says when the store has no customer (an unknown or new store)."""
    return "" if count else f"门店「{store}」还没有客户：导入带门店列的订单或客户后，这里会显示该门店的数据"


def _empty(store: str) -> dict:
    return {"name": store, "customers": 0, "classes": dict.fromkeys(CLASS_LABELS, 0)}
