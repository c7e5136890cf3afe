"""The hourly housekeeping schedule (services/housekeeping.py)."""
from datetime import datetime

from chalice import Blueprint, Rate

from chalicelib.observability import logger, observed
from chalicelib.services import housekeeping as rounds

bp = Blueprint(__name__)


@bp.schedule(Rate(1, unit=Rate.HOURS), name="housekeeping",
             description="每小时：等待上传超过 24 小时的导入标记为已过期，重新排队卡在等待中的客户类别更新")
@observed("housekeeping")
def housekeeping(event):
    run_housekeeping(datetime.fromisoformat(event.time.replace("Z", "+00:00")))


def run_housekeeping(due: datetime) -> dict:
    """Shared by the Lambda schedule and the local stack."""
    done = rounds.run(due)
    logger.info("housekeeping results", extra=done)  # the decorator logs "housekeeping done" with its duration
    return done
