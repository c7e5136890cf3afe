"""`make daily` (python -m local.daily [--date YYYY-MM-DD]): run the platform's daily schedules now.

On the running local stack (its moto on MOTO_PORT), as EventBridge does every day: fee states, the reminders
15 and 5 days before expiry and on entering 宽限期, the staff digest (08:00 China time), and the tenant data
deletions whose 7-day cooling-off has ended (03:00; the stack's data-job worker then runs them).
--date pretends today is that date (China time), e.g. to see a tenant's reminder or its deletion come due.
"""
import argparse
import os
import sys
from datetime import datetime, time, timedelta, timezone

from local.monthly import _day
from local.stack import point_at_running_stack

CHINA = timezone(timedelta(hours=8))


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the platform's daily schedules now.")
    parser.add_argument("--date", type=_day, help="pretend today is this date (China time)")
    options = parser.parse_args()
    point_at_running_stack(os.environ.get("LOCAL_HOST") or "127.0.0.1", int(os.environ.get("MOTO_PORT") or 4566))
    from chalicelib.services import reminders
    from chalicelib.services.tenant_data import deletion

    due = datetime.combine(options.date, time(8), CHINA) if options.date else datetime.now(timezone.utc)
    sent = reminders.run(due)
    queued = deletion.queue_due(due)
    print(f"{sent['day']}：已更新交费状态，新发提醒 {sent['notices']} 条，员工待办短信 {sent['digest']} 条；"
          f"冷静期已满的删除申请 {queued} 个已排队（运行中的本地服务会执行）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
