"""Fee orders and payments in BillingModel, amounts in fen.

A payment recorded by hand writes its order (already paid), the payment and a receipt marker in one
transaction; the marker ("receipt#<no>") keeps receipt numbers unique per tenant. An online payment would write
the order first (unpaid) and its payment later, settling the same pair.
"""
import secrets

from pynamodb.connection import Connection
from pynamodb.exceptions import DeleteError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import first_condition_failed
from chalicelib.adapters.platform_models import BillingModel
from chalicelib.clock import now_iso, time_id
from chalicelib.errors import Conflict, NotFound

PAID, RECORDED = "paid", "recorded"


def new_ids() -> tuple[str, str]:
    """(order_id, payment_id): both sort by creation time."""
    return time_id(secrets.token_hex(3)), time_id(secrets.token_hex(3))


def record_paid(tenant_id: str, order: dict, payment: dict, recorded_by: str) -> BillingModel:
    """Store a settled order and its payment, or nothing: Conflict (DUPLICATE_RECEIPT) when the tenant already has
    a payment with this receipt number."""
    now = now_iso()
    order_id, payment_id = new_ids()
    order_item = BillingModel(tenant_id, f"order#{order_id}", kind="order", order_id=order_id, status=PAID,
                              created_at=now, paid_at=now, **order)
    payment_item = BillingModel(tenant_id, f"payment#{payment_id}", kind="payment", order_id=order_id,
                                status=RECORDED, recorded_by=recorded_by, created_at=now, **order, **payment)
    marker = BillingModel(tenant_id, _receipt_key(payment["receipt_no"]), kind="receipt", order_id=payment_id,
                          created_at=now)
    try:
        with TransactWrite(connection=Connection(region=BillingModel.Meta.region)) as transaction:
            transaction.save(marker, condition=BillingModel.item.does_not_exist())
            transaction.save(order_item, condition=BillingModel.item.does_not_exist())
            transaction.save(payment_item, condition=BillingModel.item.does_not_exist())
    except TransactWriteError as error:
        if first_condition_failed(error):
            raise Conflict(f"收据号 {payment['receipt_no']} 已登记过，请核对收据号",
                           [{"field": "receipt_no", "message": "该收据号已登记过"}], code="DUPLICATE_RECEIPT") from None
        raise
    return payment_item


def _receipt_key(receipt_no: str) -> str:
    return f"receipt#{receipt_no.strip().lower()}"


def payments(tenant_id: str) -> list[BillingModel]:
    """Every payment of the tenant, voided ones too, newest first."""
    return list(BillingModel.query(tenant_id, BillingModel.item.startswith("payment#"), scan_index_forward=False,
                                   consistent_read=True))


def orders(tenant_id: str) -> list[BillingModel]:
    return list(BillingModel.query(tenant_id, BillingModel.item.startswith("order#"), consistent_read=True))


def void(tenant_id: str, payment_id: str, actor: str, reason: str) -> BillingModel:
    """Mark the payment voided (once) and free its receipt number; NotFound / Conflict when it cannot be."""
    try:
        payment = BillingModel.get(tenant_id, f"payment#{payment_id}", consistent_read=True)
    except BillingModel.DoesNotExist:
        raise NotFound("该交费记录不存在") from None
    try:
        payment.update(actions=[BillingModel.voided_at.set(now_iso()), BillingModel.voided_by.set(actor),
                                BillingModel.void_reason.set(reason)],
                       condition=BillingModel.voided_at.does_not_exist())
    except UpdateError:
        raise Conflict("该交费记录已作废", code="ALREADY_VOIDED") from None
    try:  # free the receipt number for a corrected entry; the marker may name a newer payment by then
        BillingModel(tenant_id, _receipt_key(payment.receipt_no or "")).delete(
            condition=BillingModel.order_id == payment_id)
    except DeleteError:
        pass
    return payment


def delete_tenant(tenant_id: str) -> int:
    """Remove every order, payment and marker of the tenant (a tenant data deletion); how many items."""
    items = list(BillingModel.query(tenant_id))
    with BillingModel.batch_write() as batch:
        for item in items:
            batch.delete(item)
    return len(items)
