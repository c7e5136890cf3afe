"""What an analysis is asked: the window (China-time dates, both ends included), the M mode and the threshold method."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from chalicelib.domain.day_input import BadDate, parse_day
from chalicelib.errors import ValidationFailed

M_MODES = {"avg": "客单价（平均每单金额）", "total": "累计消费金额"}
THRESHOLDS = {"mean": "平均值", "median": "中位数", "quintile": "五分位评分 ≥ 3"}
MAX_WINDOW_YEARS = 10
CHINA = timezone(timedelta(hours=8))
DAY = 86400


class BadParams(ValidationFailed):
    """A request the analysis cannot run (400); the message says what to change."""


@dataclass(frozen=True)
class Params:
    start: date
    end: date
    m_mode: str = "avg"
    threshold: str = "mean"

    @property
    def first_second(self) -> int:
        """The window's first instant (start date 00:00 China time) as a UTC epoch second."""
        return int(datetime.combine(self.start, datetime.min.time(), CHINA).timestamp())

    @property
    def last_second(self) -> int:
        """The window's last instant (end date 23:59:59 China time)."""
        return int(datetime.combine(self.end, datetime.min.time(), CHINA).timestamp()) + DAY - 1

    @property
    def end_day(self) -> int:
        """The end date as a day number: days since 1970-01-01 in China time."""
        return (self.end - date(1970, 1, 1)).days

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "m_mode": self.m_mode,
                "threshold": self.threshold}


def parse_params(start, end, m_mode="avg", threshold="mean") -> Params:
    """Checked parameters, or BadParams naming what to fix."""
    first, last = _date(start, "开始日期"), _date(end, "结束日期")
    if last < first:
        raise BadParams(f"结束日期 {last} 早于开始日期 {first}，请调整时间范围")
    if last >= _add_years(first, MAX_WINDOW_YEARS):
        raise BadParams(f"时间范围最长 {MAX_WINDOW_YEARS} 年，请缩短后重试")
    m_mode = m_mode or "avg"
    threshold = threshold or "mean"
    if m_mode not in M_MODES:
        raise BadParams(f"M 口径只能是 avg（客单价）或 total（累计金额），收到的是 {str(m_mode)[:20]!r}")
    if threshold not in THRESHOLDS:
        raise BadParams(f"阈值方法只能是 mean（平均值）、median（中位数）或 quintile（五分位评分），"
                        f"收到的是 {str(threshold)[:20]!r}")
    return Params(first, last, m_mode, threshold)


def monthly_params(today: date) -> Params:
    """The automatic analysis: the 12 whole months up to the end of the month before `today`.

    `today` comes from the schedule's clock or from parse_day (`make monthly --date`), so the
    month before it exists."""
    end = today.replace(day=1) - timedelta(days=1)
    start = _add_months(end.replace(day=1), -11)
    return Params(start, end)


def china_today(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(CHINA).date()


def _date(value, label: str) -> date:
    try:
        return parse_day(value, label)
    except BadDate as error:
        raise BadParams(error.message) from None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
