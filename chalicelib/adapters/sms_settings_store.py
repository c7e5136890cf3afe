"""A tenant's SMS settings (sms_settings table, one item per tenant)."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.sms_models import SmsSettingsModel
from chalicelib.clock import now_iso

FIELDS = ("signature", "frequency_days", "frequency_count", "daily_per_number", "birthday_enabled",
          "birthday_template_id", "daily_cap", "monthly_cap", "updated_at", "updated_by")
NUMBERS = ("frequency_days", "frequency_count", "daily_per_number")
DEFAULTS = {name: getattr(SmsSettingsModel, name).default for name in FIELDS}


def get(tenant_id: str) -> dict:
    """Every field, with the model's defaults for a tenant that never saved its settings (caps None = default)."""
    try:
        item = SmsSettingsModel.get(tenant_id)
    except DoesNotExist:
        item = SmsSettingsModel(tenant_id)
    return _as_dict(item)


def update(tenant_id: str, changes: dict, actor: str) -> dict:
    """Set the given fields (None clears a nullable one); the settings after."""
    item = SmsSettingsModel(tenant_id)
    attributes = {name: getattr(SmsSettingsModel, name) for name in FIELDS}
    values = {**changes, "updated_at": now_iso(), "updated_by": actor}
    actions = [attributes[name].remove() if value is None else attributes[name].set(value)
               for name, value in values.items() if name in attributes]
    item.update(actions=actions)
    return _as_dict(item)


def signed_by(signature: str) -> list[str]:
    """Tenants whose settings hold this signature (one small item per tenant: a scan is fine)."""
    return [item.tenant_id for item in SmsSettingsModel.scan(SmsSettingsModel.signature == signature,
                                                             attributes_to_get=["tenant_id"])]


def birthday_tenants() -> list[dict]:
    """Settings of every tenant with 生日关怀 switched on (one small item per tenant: a scan is fine)."""
    return [_as_dict(item) for item in SmsSettingsModel.scan(SmsSettingsModel.birthday_enabled == True)]  # noqa: E712


def _as_dict(item: SmsSettingsModel) -> dict:
    # an item written by update() alone lacks the fields never set, and PynamoDB reads those as None
    data = {name: DEFAULTS[name] if getattr(item, name) is None else getattr(item, name) for name in FIELDS}
    for name in NUMBERS:
        data[name] = int(data[name])
    for name in ("daily_cap", "monthly_cap"):
        data[name] = None if data[name] is None else int(data[name])
    data["tenant_id"] = item.tenant_id
    data["birthday_enabled"] = bool(data["birthday_enabled"])
    return data
