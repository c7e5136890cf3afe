"""外呼名单: the rows of a call list, built column-wise from the customer table and the R/F/M in force."""
from collections.abc import Mapping

import numpy as np

from chalicelib.domain.customer_columns import day_texts, mask_mobile
from chalicelib.domain.rfm_classes import CLASS_LABELS

HEADERS = ("客户编码", "姓名", "手机号", "门店", "当前分类", "R(天)", "F", "M(元)", "最近消费", "累计消费(元)", "标签",
           "短信同意", "最近跟进")
COLUMNS = ("name", "mobile", "store", "rfm_class", "last_order_day", "total_fen", "tags", "sms_consent")
FOLLOW_UP_TEXT_LENGTH = 60


def rows(columns: Mapping, picked: np.ndarray, measures: Mapping | None, follow_ups: Mapping[str, dict],
         mobile_visible: bool) -> list[tuple]:
    """One tuple per picked row, in HEADERS order; mobiles masked unless the caller may see them in full."""
    codes = columns["customer_code"][picked].tolist()
    mobiles = columns["mobile"][picked].tolist()
    if not mobile_visible:
        mobiles = [mask_mobile(mobile) for mobile in mobiles]
    labels = np.asarray(CLASS_LABELS)[columns["rfm_class"][picked].astype(np.int64)].tolist()
    r, f, m = _measures(measures, picked)
    tags = [",".join(names) or None for names in columns["tags"].take(picked).lists(len(picked))]
    consent = np.where(columns["sms_consent"][picked], "是", "否").tolist()
    return list(zip(codes, columns["name"][picked].tolist(), mobiles, columns["store"][picked].tolist(), labels,
                    r, f, m, day_texts(columns["last_order_day"][picked]).tolist(),
                    (columns["total_fen"][picked] / 100).round(2).tolist(), tags, consent,
                    [follow_up_text(follow_ups.get(code)) for code in codes]))


def _measures(measures: Mapping | None, picked: np.ndarray) -> tuple[list, list, list]:
    """R, F and M (yuan) per picked row; None where the customer is not in the analysis in force."""
    if measures is None:
        return [None] * len(picked), [None] * len(picked), [None] * len(picked)
    analysed = measures["r_score"][picked] > 0
    shown = lambda values: [v if a else None for v, a in zip(values.tolist(), analysed.tolist())]  # noqa: E731
    return (shown(measures["recency_days"][picked]), shown(measures["frequency"][picked]),
            shown((np.rint(measures["monetary_fen"][picked]) / 100).round(2)))


def follow_up_text(follow_up: dict | None) -> str | None:
    """"2024-06-01 电话：已提醒复购" (the content cut to a cell's width)."""
    if not follow_up:
        return None
    content = follow_up["content"]
    if len(content) > FOLLOW_UP_TEXT_LENGTH:
        content = content[:FOLLOW_UP_TEXT_LENGTH] + "…"
    return f"{follow_up['followed_at']} {follow_up['way']}：{content}"
