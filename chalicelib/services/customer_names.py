"""customer_code -> name of every customer, for reports and lists that show names beside analysis results."""
from chalicelib.adapters import customers


def names(tenant_id: str) -> dict[str, str]:
    columns = customers.columns(tenant_id, ["name"])
    return dict(zip(columns["customer_code"].tolist(), columns["name"].tolist()))
