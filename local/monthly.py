"""`make monthly` (python -m local.monthly [--date YYYY-MM-DD]): run the monthly RFM analysis now.

Queues one analysis per approved tenant on the running local stack (its moto on MOTO_PORT), as the
EventBridge schedule does on the 1st of each month; the stack's worker then saves each snapshot.
--date pretends today is that date (China time): the window is the 12 months before its month.
"""
import argparse
import os
import sys
from datetime import date, datetime, time, timedelta, timezone

from chalicelib.domain.day_input import BadDate, parse_day
from local.stack import point_at_running_stack


def _day(text: str) -> date:
    """--date through the one date parser, so a far year is refused in words, not a traceback."""
    try:
        return parse_day(text, "日期")
    except BadDate as error:
        raise argparse.ArgumentTypeError(error.message) from None


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the monthly RFM analysis of every approved tenant now.")
    parser.add_argument("--date", type=_day, help="pretend today is this date (China time)")
    options = parser.parse_args()
    point_at_running_stack(os.environ.get("LOCAL_HOST") or "127.0.0.1", int(os.environ.get("MOTO_PORT") or 4566))
    from chalicelib.services.analyses import monthly

    now = None
    if options.date:
        now = datetime.combine(options.date, time(2), timezone(timedelta(hours=8)))
    count = monthly.fan_out(now)
    print(f"已为 {count} 个企业排队月度 RFM 分析（窗口：截至{'所给日期' if now else '本'}月前一个月末的 12 个月）。"
          "运行中的本地服务会依次完成并保存。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
