"""The platform's daily schedule (issue 13): fee states, reminders and the staff digest."""
from datetime import datetime

from chalice import Blueprint, Cron

from chalicelib.observability import observed
from chalicelib.services import reminders

bp = Blueprint(__name__)
# 08:00 China time = 00:00 UTC: reminders arrive in the morning, inside the SMS send window.
DAILY = Cron(0, 0, "*", "*", "?", "*")


@bp.schedule(DAILY, name="platform_daily", description="每天 08:00（北京时间）更新交费状态，发送到期提醒和员工待办短信")
@observed("platform_daily")
def platform_daily(event):
    run_daily(datetime.fromisoformat(event.time.replace("Z", "+00:00")))


def run_daily(due: datetime) -> None:
    """Shared by the Lambda schedule and the local stack."""
    reminders.run(due)
