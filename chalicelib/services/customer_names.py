"""customer_code -> name of every customer, for reports and lists that show names beside analysis results."""
from chalicelib.adapters.customer_table import CustomerTable


def names(tenant_id: str) -> dict[str, str]:
    columns = CustomerTable(tenant_id).read(["name"])
    return dict(zip(columns["customer_code"].tolist(), columns["name"].tolist()))
