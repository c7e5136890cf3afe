"""What an applied import reports: counts, and the rows worth a look."""
from dataclasses import dataclass, field

from chalicelib.domain.table import RowIssue

ISSUES_KEPT = 10_000  # per list; the counts always cover every row


@dataclass
class Outcome:
    counts: dict
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # added to the job's notices

    def issues(self) -> dict:
        return {"warnings": [issue.to_dict() for issue in self.warnings[:ISSUES_KEPT]],
                "skipped": [issue.to_dict() for issue in self.skipped[:ISSUES_KEPT]]}

    def message(self, dry_run: bool) -> str:
        labels = DRY_RUN_LABELS if dry_run else LABELS
        summary = "，".join(f"{labels[name]} {self.counts[name]:,}" for name in LABELS if self.counts.get(name))
        head = "试运行通过，未写入任何数据。正式导入预计" if dry_run else "导入完成"
        return f"{head}：{summary or '没有需要导入的数据'}"


LABELS = {"new": "新增", "updated": "更新", "unchanged": "未变化", "skipped": "跳过（重复）",
          "warnings": "暂存（客户未导入）", "attached": "关联暂存订单"}
DRY_RUN_LABELS = {**LABELS, "skipped": "将跳过（重复）", "warnings": "将暂存（客户未导入）"}  # nothing was stored
