"""Admin-edited pick lists (events, industries): one item each, the whole list as JSON."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.models import DictionaryModel
from chalicelib.clock import now_iso


def get(name: str) -> list | None:
    """The stored list, or None when the admin never saved one (the caller uses its defaults)."""
    try:
        return json.loads(DictionaryModel.get(name, consistent_read=True).items)
    except DoesNotExist:
        return None


def put(name: str, items: list, actor: str) -> None:
    DictionaryModel(name, items=json.dumps(items, ensure_ascii=False), updated_at=now_iso(), updated_by=actor).save()
