"""Keep each customer's lifetime figures (domain/lifetime.py) in line with the committed orders.

Called under the tenant's import lease after every change to orders or to who the customers
are: an order import, a rollback, a customer import that added customers (parked orders attach).
"""
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.adapters.order_store import OrderStore


def refresh(tenant_id: str) -> int:
    """Recompute and write the lifetime columns; the number of customers."""
    table = CustomerTable(tenant_id)
    codes = table.read([])["customer_code"]
    if len(codes):
        table.write_columns(OrderStore(tenant_id).lifetime(codes))
    return len(codes)
