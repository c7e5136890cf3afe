"""The line above every page of the user portal when the service is about to end, in 宽限期 or 已停用."""
from chalicelib.domain.billing.states import EXPIRING, GRACE, STOPPED, FeeState


def banner(fee: FeeState, phone: str) -> dict | None:
    """{"level": "warning"|"error", "text"}, or None when nothing needs saying."""
    paid = fee.paid_until.isoformat() if fee.paid_until else ""
    grace = fee.grace_ends.isoformat() if fee.grace_ends else ""
    if fee.state == EXPIRING:
        when = "今天" if fee.days_left == 0 else f" {paid}（还剩 {fee.days_left} 天）"
        return {"level": "warning", "text": f"贵企业的服务将于{when}到期，请及时联系平台 {phone} 续费"}
    if fee.state == GRACE:
        return {"level": "error", "text": f"贵企业的服务已于 {paid} 到期，宽限期至 "
                f"{grace}；宽限期后将暂停导入、分析和发送，请尽快联系平台 {phone} 续费"}
    if fee.state == STOPPED:
        ended = f"（服务已于 {paid} 到期）" if paid else ""
        return {"level": "error", "text": f"贵企业的服务已停用{ended}，导入、分析和发送已暂停；数据仍保留，"
                f"请联系平台 {phone} 续费后恢复"}
    return None
