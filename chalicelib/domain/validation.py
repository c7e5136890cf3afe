"""One entry point for validating a read table, whatever its kind."""
from chalicelib.domain.customer_rows import validate_customers
from chalicelib.domain.error_file import REASON_HEADER
from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.order_rows import validate_orders
from chalicelib.domain.table import RawTable, Validated

_VALIDATORS = {CUSTOMERS: validate_customers, ORDERS: validate_orders}


def validate(table: RawTable) -> Validated:
    """Clean rows and every issue; a notice names the columns that were ignored."""
    validated = _VALIDATORS[table.kind](table)
    ignored = [header for header in table.ignored_headers if header != REASON_HEADER]  # our own error file's
    if ignored:
        validated.notices.append(f"已忽略未识别的列：{'、'.join(ignored)}")
    return validated
