"""Every field a request model takes has a Chinese label, so no error message names a field in English."""
import importlib
import pkgutil

import chalicelib
from chalicelib.domain.schemas import LABELS, Request


def _models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _models(sub)


def test_every_request_field_has_a_chinese_label():
    for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        if ".api" not in module.name and ".events" not in module.name:  # request models live in domain/services
            importlib.import_module(module.name)
    unlabelled = sorted({f"{model.__name__}.{name}" for model in _models(Request) for name in model.model_fields
                         if name not in LABELS})
    assert unlabelled == []
