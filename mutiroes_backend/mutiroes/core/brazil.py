"""Brazilian reference data shared by every app."""

from typing import Any

from rest_framework import serializers

UFS = "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split()
UF_CHOICES = [(uf, uf) for uf in UFS]


class UFField(serializers.ChoiceField):
    """A federative unit (UF), accepted in any case and stored upper-case."""

    def __init__(self, **kwargs: Any) -> None:
        choices = [("", ""), *UF_CHOICES] if kwargs.get("allow_blank") else UF_CHOICES
        super().__init__(choices=choices, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)
