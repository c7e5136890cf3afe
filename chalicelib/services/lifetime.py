"""Keep each customer's lifetime figures (domain/lifetime.py) in line with the committed orders.

Called under the tenant's import lease after every change to orders or to who the customers
are: an order import, a rollback, a customer import that added customers (parked orders attach).
"""
from chalicelib.adapters import customers
from chalicelib.adapters.order_store import OrderStore


def refresh(tenant_id: str, *, customers=customers) -> int:
    """Recompute and write the lifetime columns; the number of customers."""
    codes = customers.columns(tenant_id, [])["customer_code"]
    if len(codes):
        customers.set_lifetime(tenant_id, OrderStore(tenant_id).lifetime(codes))
    return len(codes)
