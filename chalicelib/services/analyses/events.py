"""What the analysis worker does with one queued message."""
import secrets
from datetime import date, timedelta

from chalicelib.adapters import analysis_store
from chalicelib.observability import logger
from chalicelib.services.analyses import class_update, monthly


def handle(message: dict) -> str:
    """Run one message: {"type": "monthly", tenant_id, today} or {"type": "apply", tenant_id, analysis_id}."""
    kind, tenant_id = message.get("type"), message.get("tenant_id", "")
    if kind == "monthly":
        outcome = monthly.run(tenant_id, date.fromisoformat(message["today"]))
    elif kind == "apply":
        outcome = class_update.apply(tenant_id, message["analysis_id"], owner=f"analysis-{secrets.token_hex(4)}")
    else:
        outcome = "ignored"
    logger.info("analysis message %s for %s: %s", kind, tenant_id, outcome)
    return outcome


def give_up(message: dict, waited: timedelta) -> None:
    """A class update that waited too long behind the tenant's imports ends as failed, saying why."""
    if message.get("type") != "apply":
        return
    tenant_id, analysis_id = message.get("tenant_id", ""), message.get("analysis_id", "")
    header = analysis_store.get_header(tenant_id, analysis_id)
    if header is None or (header["class_update"] or {}).get("status") != "pending":
        return  # deleted, or a twin message ran it meanwhile
    analysis_store.set_class_update(tenant_id, analysis_id, {
        "status": "failed", "changed": 0,
        "message": f"本企业的导入持续进行，客户类别更新已等待 {waited.total_seconds() / 3600:.1f} 小时仍未开始，"
                   "已停止等待。请在导入结束后重新运行并保存一次分析，以更新客户类别。"})
