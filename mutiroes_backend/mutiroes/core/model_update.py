"""The one way a service copies validated input onto a model: only the fields it names."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model

_UNSET = object()


def _current(instance: Model, field: str) -> object:
    try:
        return getattr(instance, field)
    except ObjectDoesNotExist:  # a relation not set yet (a new row)
        return _UNSET


def model_update(*, instance: Model, fields: Iterable[str], data: Mapping[str, Any]) -> list[str]:
    """Set each of `fields` that `data` carries and that differs from the instance; return the
    names changed, in `fields` order. Nothing is saved: the service validates and saves (with
    `update_fields=` the returned names). Anything in `data` outside `fields` is ignored, so a body
    can never write the organizer, an owner, a counter or a status."""
    changed = []
    for field in fields:
        if field in data and _current(instance, field) != data[field]:
            setattr(instance, field, data[field])
            changed.append(field)
    return changed
