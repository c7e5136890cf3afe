"""Who a campaign reaches before exclusions: its segment's (or its own) rules, limited to the creator's store;
a birthday campaign reaches the customers whose birthday is today."""
from dataclasses import dataclass
from datetime import date

import numpy as np

from chalicelib.adapters.npz_codec import encode_text
from chalicelib.domain.campaigns.birthday import birthday_today
from chalicelib.domain.rfm_classes import CLASS_LABELS
from chalicelib.domain.segments import parse_rules
from chalicelib.domain.sms import variable_values
from chalicelib.services.segments import saved
from chalicelib.services.segments.selection import select

COLUMNS = ("customer_code", "name", "mobile", "sms_consent", "store", "rfm_class", "last_order_day")
EVERYONE: dict[str, list] = {"all": []}


@dataclass(frozen=True)
class Recipients:
    codes: np.ndarray
    names: np.ndarray  # UTF-8 bytes ('S'): a hundred thousand Chinese names decode only where shown
    mobiles: np.ndarray
    consent: np.ndarray
    stores: np.ndarray  # UTF-8 bytes, like names
    classes: np.ndarray  # class labels (text), for the {class} variable
    last_order_days: np.ndarray  # days since 1970 (customer_columns.MISSING_DAY: never bought)

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: np.ndarray) -> "Recipients":
        return Recipients(*(getattr(self, name)[rows] for name in self.__dataclass_fields__))


def rules_of(tenant_id: str, campaign: dict) -> dict:
    """The rules a campaign selects by: its saved segment's as they are now, or its own."""
    if campaign.get("segment_id"):
        return saved.saved(tenant_id, campaign["segment_id"])["rules"]
    return campaign.get("rules") or EVERYONE


def load(tenant_id: str, campaign: dict, today: date) -> Recipients:
    """The campaign's candidates with the columns the check, the plan and the texts need."""
    birthday = campaign.get("kind") == "birthday"
    columns = (*COLUMNS, "birthday") if birthday else COLUMNS
    picked = select(tenant_id, parse_rules(rules_of(tenant_id, campaign)), campaign.get("store", ""), columns=columns)
    table, rows = picked.columns, picked.rows
    if birthday:
        rows = rows[birthday_today(table["birthday"][rows], today)]
    labels = np.asarray(CLASS_LABELS)
    return Recipients(table["customer_code"][rows], _raw(table, "name")[rows], table["mobile"][rows],
                      table["sms_consent"][rows], _raw(table, "store")[rows], labels[table["rfm_class"][rows]],
                      table["last_order_day"][rows])


def _raw(table, name: str) -> np.ndarray:
    values = table.raw(name)
    return values if values.dtype.kind == "S" else encode_text(values)


def text(value) -> str:
    """One value of a text column (UTF-8 bytes or str) as str."""
    return value.decode("utf-8") if isinstance(value, (bytes, np.bytes_)) else str(value)


def params(recipients: Recipients, row: int) -> dict[str, str]:
    """The template variables for one recipient, cleaned as they are sent (domain/sms/variable_values.py)."""
    return variable_values.clean(text(recipients.names[row]), text(recipients.stores[row]),
                                 str(recipients.classes[row]))
