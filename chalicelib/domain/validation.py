"""One entry point for validating a read table, whatever its kind."""
from chalicelib.domain.customer_rows import validate_customers
from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.order_rows import validate_orders
from chalicelib.domain.table import RawTable, Validated

_VALIDATORS = {CUSTOMERS: validate_customers, ORDERS: validate_orders}


def validate(table: RawTable) -> Validated:
    """Clean rows and every issue; a notice names the columns that were ignored."""
    validated = _VALIDATORS[table.kind](table)
    if table.ignored_headers:
        validated.notices.append(f"已忽略未识别的列：{'、'.join(table.ignored_headers)}")
    return validated
