"""Output serializers build their fields once per class: the same fields, the same answers."""

import pytest
from django.utils.translation import override
from rest_framework import serializers

from mutiroes.core import serializers as core_serializers
from mutiroes.core.serializers import OutputModelSerializer
from mutiroes.events.models import Event
from mutiroes.events.serializers import EventDetailOutputSerializer, EventOutputSerializer


def all_subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *all_subclasses(sub)]
    return found


def fresh_fields_of(serializer: serializers.ModelSerializer) -> dict:
    """What the fields were before the cache: ModelSerializer's build, marked read-only."""
    fields = serializers.ModelSerializer.get_fields(serializer)
    for field in fields.values():
        field.read_only, field.required = True, False
    return fields


def describe(fields: dict) -> list:
    return [
        (name, type(f).__name__, f.source, f.read_only, f.required, f.allow_null, repr(f)) for name, f in fields.items()
    ]


@pytest.mark.parametrize("language", ["pt-br", "en"])
@pytest.mark.parametrize("serializer_class", all_subclasses(OutputModelSerializer), ids=lambda c: c.__name__)
def test_cached_fields_are_the_fields_a_fresh_build_gives(serializer_class, language):
    for active in ("en", "pt-br", language):  # whatever was built first, in another language
        with override(active):
            serializer_class().get_fields()
    with override(language):
        first = serializer_class().get_fields()
        second = serializer_class().get_fields()
        assert describe(first) == describe(second) == describe(fresh_fields_of(serializer_class()))
    # Each instance gets fields of its own (bound to it, never shared between requests).
    assert all(first[name] is not second[name] for name in first)


@pytest.mark.django_db
def test_list_and_detail_answers_are_unchanged(rf, make_event, user, monkeypatch):
    from mutiroes.events import selectors

    make_event(title="Um")
    make_event(title="Dois", description="Com \u2028 e acentos: ação")
    request = rf.get("/api/events/")
    events = list(selectors.event_list(filters=selectors.EventFilters(), user=user))
    cached = EventOutputSerializer(events, many=True, context={"request": request}).data
    detail = EventDetailOutputSerializer(events[0], context={"request": request}).data
    monkeypatch.setattr(core_serializers, "_BUILT_FIELDS", {})  # each instance builds again
    monkeypatch.setattr(OutputModelSerializer, "get_fields", lambda self: fresh_fields_of(self))
    assert EventOutputSerializer(events, many=True, context={"request": request}).data == cached
    assert EventDetailOutputSerializer(events[0], context={"request": request}).data == detail
    assert Event.objects.count() == 2
