"""外呼名单: the customers rules pick, as xlsx in the data bucket behind a short-lived link; audited.

A tenant with more customers than EXPORT_JOB_ROWS gets a job instead (services/exports): the data-job worker
writes the list batch by batch, so a million-customer list never sits in memory whole."""
import secrets

from chalicelib import config
from chalicelib.adapters import audit_log, customers, follow_up_store, objects
from chalicelib.domain.export_size import JOB_MAX_ROWS, percent
from chalicelib.domain.segments import call_list, parse_rules
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.domain.xlsx_stream import xlsx_chunks
from chalicelib.errors import ValidationFailed
from chalicelib.services.exports import jobs
from chalicelib.services.segments import saved
from chalicelib.services.segments.selection import select

BATCH_ROWS = 20_000


def export_rules(tenant_id: str, actor: str, rules: dict, store: str = "", mobile_visible: bool = True,
                 title: str = "外呼名单") -> dict:
    """The call list of rules (unsaved: a class, a matrix cell, the rule builder's current rules): a link, or a
    job to poll when the tenant has more customers than one answer can carry."""
    parse_rules(rules)  # wrong rules answer 400 now, not in a failed job
    if jobs.too_large(customers.count(tenant_id)):
        return jobs.start(tenant_id, actor, "call_list", {"rules": rules, "title": title}, store, mobile_visible)
    key = f"exports/{tenant_id}/{secrets.token_hex(8)}.xlsx"
    filename, count = write(tenant_id, actor, key, rules, store, mobile_visible, title)
    return {"url": objects.presigned_get(config.data_bucket(), key, filename=filename), "filename": filename,
            "count": count}


def export_segment(tenant_id: str, actor: str, segment_id: str, store: str = "", mobile_visible: bool = True) -> dict:
    segment = saved.saved(tenant_id, segment_id)
    return export_rules(tenant_id, actor, segment["rules"], store, mobile_visible, f"外呼名单-{segment['name']}")


def write(tenant_id: str, actor: str, key: str, rules: dict, store: str, mobile_visible: bool, title: str,
          report=None) -> tuple[str, int]:
    """Write the call list to `key` in the data bucket, batch by batch; (file name, customers)."""
    picked = select(tenant_id, parse_rules(rules), store, columns=call_list.COLUMNS, with_measures=True)
    if len(picked.rows) > JOB_MAX_ROWS:
        raise ValidationFailed(f"一次最多导出 {JOB_MAX_ROWS:,} 位客户（Excel 一张表的上限），请增加条件缩小人群",
                               code="EXPORT_TOO_LARGE")
    follow_ups = follow_up_store.newest_by_customer(tenant_id)
    starts = range(0, len(picked.rows), BATCH_ROWS)

    def batches():
        for number, start in enumerate(starts):
            part = picked.rows[start:start + BATCH_ROWS]
            yield call_list.rows(picked.columns, part, picked.context.measures, follow_ups, mobile_visible)
            if report:
                report(percent(number + 1, len(starts)))

    objects.write_parts(config.data_bucket(), key, xlsx_chunks("外呼名单", call_list.HEADERS, batches()),
                        XLSX_CONTENT_TYPE)
    audit_log.record_tenant(tenant_id, actor, "导出外呼名单",
                            f"{title}：{len(picked.rows):,} 位客户{'' if mobile_visible else '（手机号已脱敏）'}")
    return f"{title}.xlsx", len(picked.rows)
