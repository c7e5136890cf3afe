"""A tenant's customers in DynamoDB (tenant_id + customer_code): a private part of adapters/customers.py,
which keeps these items, the customer table and the code index consistent; services go through it."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.models import CustomerModel

PROFILE_FIELDS = ("name", "mobile", "gender", "birthday", "region", "id_number", "tags", "sms_consent", "store")
STORED_FIELDS = (*PROFILE_FIELDS, "rfm_class", "created_at", "updated_at", "last_import_id")
WRITE_CHUNK = 500  # items per progress report (each chunk is 20 BatchWriteItem calls)
BLANK = {"name": "", "mobile": "", "gender": "", "birthday": "", "region": "", "id_number": "", "tags": [],
         "sms_consent": False, "store": "", "rfm_class": None}  # what an item holds for a column never imported


def all_of(tenant_id: str) -> dict[str, dict]:
    """customer_code -> stored fields, for every customer of the tenant."""
    return {item.customer_code: _as_dict(item) for item in CustomerModel.query(tenant_id)}


def get(tenant_id: str, customer_code: str) -> dict | None:
    try:
        return _as_dict(CustomerModel.get(tenant_id, customer_code))
    except DoesNotExist:
        return None


def get_many(tenant_id: str, codes) -> dict[str, dict]:
    """customer_code -> stored fields, for those of `codes` that exist (one page of a list)."""
    keys = [(tenant_id, code) for code in dict.fromkeys(codes)]
    return {item.customer_code: _as_dict(item) for item in CustomerModel.batch_get(keys)}


def put_many(tenant_id: str, customers: list[dict], on_written=None, chunk: int = WRITE_CHUNK) -> int:
    """Write whole customer items in batches; `on_written(count)` after each chunk. Returns items written."""
    written = 0
    for start in range(0, len(customers), chunk):
        part = customers[start:start + chunk]
        with CustomerModel.batch_write() as batch:
            for customer in part:
                batch.save(CustomerModel(tenant_id, customer["customer_code"],
                                         **{k: customer[k] for k in STORED_FIELDS if customer.get(k) is not None}))
        written += len(part)
        if on_written:
            on_written(written)
    return written


def delete_many(tenant_id: str, codes: list[str]) -> None:
    with CustomerModel.batch_write() as batch:
        for code in codes:
            batch.delete(CustomerModel(tenant_id, code))


def _as_dict(item: CustomerModel) -> dict:
    data = {name: getattr(item, name) for name in STORED_FIELDS}
    data["tags"] = list(data["tags"] or [])
    data["customer_code"] = item.customer_code
    return data
