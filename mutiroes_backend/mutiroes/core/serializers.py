"""Base input serializers: what the schema promises is what the API accepts.

DRF coerces liberally (`"0"` or `0` for a boolean, `123` for a string, `""` in a query string
for "absent"). The OpenAPI schema promises JSON types, so input serializers check them first:
a request that violates the schema is a 400, never silently accepted.
"""

import copy
from typing import Any

from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField, SlugRelatedField
from rest_framework.settings import api_settings

_TYPE_NAMES = {
    bool: _("true or false"),
    str: _("text"),
    int: _("a whole number"),
    float: _("a number"),
    list: _("a list"),
    dict: _("an object"),
}


def _expected_json_type(field: serializers.Field) -> tuple[type, ...] | None:
    if isinstance(field, serializers.BooleanField):
        return (bool,)
    if isinstance(field, PrimaryKeyRelatedField):
        return (int,)
    if isinstance(field, SlugRelatedField):
        return (str,)
    if isinstance(field, ManyRelatedField | serializers.ListField | serializers.ListSerializer):
        return (list,)
    if isinstance(field, serializers.DictField | serializers.Serializer):
        return (dict,)
    if isinstance(field, serializers.IntegerField):
        return (int,)
    if isinstance(field, serializers.FloatField):
        return (int, float)
    if isinstance(field, serializers.DecimalField):
        as_string = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        return (str,) if as_string else (int, float, str)
    if isinstance(
        field,
        serializers.CharField | serializers.ChoiceField | serializers.DateTimeField | serializers.DateField,
    ):
        return (str,)
    return None


class InputSerializer(serializers.Serializer):
    """A JSON request body whose values must have the types the schema documents."""

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and not isinstance(data, QueryDict):  # JSON, not a form
            errors: dict[str, list[str]] = {}
            for name, field in self.fields.items():
                if field.read_only or name not in data or data[name] is None:
                    continue
                expected = _expected_json_type(field)
                value = data[name]
                if expected is None:
                    continue
                wrong_bool = isinstance(value, bool) and bool not in expected
                if wrong_bool or not isinstance(value, expected):
                    errors[name] = [str(_("Expected %(type)s.") % {"type": _TYPE_NAMES[expected[-1]]})]
            if errors:
                raise serializers.ValidationError(errors)
        validated: dict[str, Any] = super().to_internal_value(data)
        return validated


class PrototypeFieldsMixin:
    # Fields made by a shallow copy of one set built per class, not by DRF's deep copy of the
    # declared fields (which constructs every field again: most of a query-string filter's CPU on
    # a listing). A field keeps no state of its own during validation but what `bind` sets on the
    # copy; the validators and choices it shares with the prototype are only read. One set per
    # language: DRF's range validators keep their message once rendered (`lazy_format`).
    # A comment, not a docstring: the OpenAPI schema describes a serializer by the first docstring
    # of its classes, which must stay the serializer's own or its base's (the API's contract).

    _declared_fields: dict[str, serializers.Field]

    def get_fields(self) -> dict[str, serializers.Field]:
        cls = type(self)
        prototypes = cls.__dict__.get("_prototype_fields")
        if prototypes is None:
            prototypes = {}
            cls._prototype_fields = prototypes  # type: ignore[attr-defined]  # a race builds a spare
        language = get_language()
        prototype = prototypes.get(language)
        if prototype is None:
            prototype = prototypes[language] = copy.deepcopy(self._declared_fields)
        return {name: copy.copy(field) for name, field in prototype.items()}


class QueryParamsSerializer(serializers.Serializer):
    """Query-string filters: an empty value is refused like any other invalid one."""

    def to_internal_value(self, data: Any) -> dict:
        errors = {
            name: [str(_("This field may not be blank."))]
            for name, field in self.fields.items()
            if name in data and data.get(name) == "" and not getattr(field, "allow_blank", False)
        }
        if errors:
            raise serializers.ValidationError(errors)
        validated: dict[str, Any] = super().to_internal_value(data)
        return validated


class ImageUploadInputSerializer(serializers.Serializer):
    """multipart `image`; its content is checked by `mutiroes.core.images.image_clean`."""

    image = serializers.FileField(
        allow_empty_file=False, help_text="JPEG, PNG or WebP (by content), at most 10 MB and 40 megapixels."
    )


@extend_schema_field({"type": "string", "nullable": True, "example": "/media/covers/3f9c….jpg"})
class MediaUrlField(serializers.Field):
    """A stored file as its site-relative URL (`/media/...`), or null.

    Relative on purpose: the API is reached through different hosts (the public nginx, its
    internal listener), and the browser resolves `/media/...` against the site it is on.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        return value.url if value else None


# The fields ModelSerializer builds per class and language (they depend on nothing else).
_BUILT_FIELDS: dict[tuple[type, str | None], dict[str, serializers.Field]] = {}


class OutputModelSerializer(serializers.ModelSerializer):
    """An answer built from a model: every field read-only, so the schema states that each one is
    always present (a model default must not make a field optional in the contract)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        # ModelSerializer builds its fields from the model's metadata on every instance (~3 ms for
        # a mutirão, paid on every list page): built once per class, then deep-copied (DRF's own
        # way to give each instance unbound fields of its own).
        # Per language too: whether a field gets a label depends on the active translation.
        key = (type(self), get_language())
        built = _BUILT_FIELDS.get(key)
        if built is None:
            built = _BUILT_FIELDS[key] = super().get_fields()
        fields = copy.deepcopy(built)
        for field in fields.values():
            field.read_only = True
            field.required = False
        return fields


# One output serializer per class and language, its fields built and bound once (`represent`).
_SHARED_OUTPUT: dict[tuple[type, str | None], serializers.Serializer] = {}


def represent(serializer_class: type[serializers.Serializer], instance: Any) -> Any:
    """What `serializer_class(instance).data` holds, written by one serializer per class and
    language, without building its fields again for every answer (DRF deep-copies them per
    instance: a third of a join's serializer CPU). `to_representation` keeps no state on the
    serializer or its fields, so threads share it; for serializers without context only."""
    key = (serializer_class, get_language())
    serializer = _SHARED_OUTPUT.get(key)
    if serializer is None:
        serializer = serializer_class()
        serializer.fields  # noqa: B018 - built now, before any thread shares it
        _SHARED_OUTPUT[key] = serializer  # a race builds a spare
    return serializer.to_representation(instance)
