"""The audit log in memory: what each writer was asked to record."""


class FakeAudit:
    def __init__(self):
        self.entries: list[dict] = []

    def record(self, target, actor, action, detail="", *, tenant_id=None, changes=None) -> None:
        self.entries.append({"target": target, "actor": actor, "action": action, "detail": detail,
                             "tenant_id": tenant_id, "changes": changes})

    def record_tenant(self, tenant_id, actor, action, detail="", *, changes=None) -> None:
        self.record(f"tenant#{tenant_id}", actor, action, detail, tenant_id=tenant_id, changes=changes)
