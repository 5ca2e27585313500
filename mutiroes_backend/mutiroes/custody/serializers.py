from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.core.serializers import InputSerializer, MediaUrlField, OutputModelSerializer
from mutiroes.custody.models import DESTINATION_CHOICES, DESTINATIONS, Handover, WasteBag
from mutiroes.custody.selectors import WasteTotals
from mutiroes.impact.models import MATERIAL_CHOICES, MATERIALS


def _kg() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("99999.99")
    )


class WasteBagsInputSerializer(InputSerializer):
    material = serializers.ChoiceField(choices=MATERIAL_CHOICES)
    weights_kg = serializers.ListField(child=_kg(), allow_empty=False, max_length=200, help_text="One weight per bag.")


class WasteBagOutputSerializer(OutputModelSerializer):
    class Meta:
        model = WasteBag
        fields = ["id", "label", "material", "weight_kg", "handover", "created_at"]


class WasteHandoverInputSerializer(InputSerializer):
    bag_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=2000)
    receiver_kind = serializers.ChoiceField(choices=Handover.ReceiverKind.choices)
    receiver_name = serializers.CharField(max_length=150)
    destination = serializers.ChoiceField(choices=DESTINATION_CHOICES)


class WasteHandoverOutputSerializer(OutputModelSerializer):
    bags_count = serializers.IntegerField()
    ticket_photo = MediaUrlField()

    class Meta:
        model = Handover
        fields = [
            "id",
            "receiver_kind",
            "receiver_name",
            "destination",
            "declared_kg",
            "bags_count",
            "created_at",
            "link_expires_at",
            "confirmed_at",
            "received_kg",
            "receiver_note",
            "ticket_photo",
        ]


class WasteHandoverIssuedOutputSerializer(serializers.Serializer):
    handover = WasteHandoverOutputSerializer()
    token = serializers.CharField(help_text="The receiver's link: /recebimento?token=… (shown once).")


class WasteReceiptBagSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # named like an attribute of DRF\'s Field
    material = serializers.ChoiceField(choices=MATERIAL_CHOICES)
    weight_kg = serializers.DecimalField(max_digits=7, decimal_places=2)


class WasteReceiptOutputSerializer(serializers.Serializer):
    """What the receiver sees through the link: nothing about people."""

    event_title = serializers.CharField(source="handover.event.title")
    event_city = serializers.CharField(source="handover.event.city")
    event_state = serializers.CharField(source="handover.event.state")
    event_start = serializers.DateTimeField(source="handover.event.start")
    receiver_kind = serializers.ChoiceField(choices=Handover.ReceiverKind.choices, source="handover.receiver_kind")
    receiver_name = serializers.CharField(source="handover.receiver_name")
    destination = serializers.ChoiceField(choices=DESTINATION_CHOICES, source="handover.destination")
    declared_kg = serializers.DecimalField(max_digits=9, decimal_places=2, source="handover.declared_kg")
    link_expires_at = serializers.DateTimeField(source="handover.link_expires_at")
    confirmed_at = serializers.DateTimeField(source="handover.confirmed_at", allow_null=True)
    received_kg = serializers.DecimalField(
        max_digits=9, decimal_places=2, source="handover.received_kg", allow_null=True
    )
    bags = WasteReceiptBagSerializer(many=True)


class WasteReceiptTokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500, help_text="From the receiver's link.")


class WasteReceiptConfirmInputSerializer(WasteReceiptTokenSerializer):
    """multipart/form-data."""

    received_kg = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0.01"), required=False, help_text="Weighed on receipt."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    ticket = serializers.FileField(required=False, allow_empty_file=False, help_text="Photo of the weighing ticket.")


class WasteMaterialKgSerializer(serializers.Serializer):
    material = serializers.ChoiceField(choices=MATERIAL_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]  # named like an attribute of DRF\'s Field
    kg = serializers.DecimalField(max_digits=14, decimal_places=2)


class WasteDestinationKgSerializer(serializers.Serializer):
    destination = serializers.ChoiceField(choices=DESTINATION_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]  # named like an attribute of DRF\'s Field
    declared_kg = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Declared by the organizer.")
    confirmed_kg = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Confirmed by the receiver.")


class WasteTotalsOutputSerializer(serializers.Serializer):
    registered_kg = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Every registered bag.")
    bags = serializers.IntegerField()
    by_material = serializers.SerializerMethodField()
    by_destination = serializers.SerializerMethodField()
    declared_kg = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Handed over (organizer).")
    confirmed_kg = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Confirmed by receivers.")
    not_handed_over_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    diverted_declared_pct = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text="% of the declared kg recycled or composted."
    )
    diverted_confirmed_pct = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text="% of the confirmed kg recycled or composted."
    )
    handovers = serializers.IntegerField()
    handovers_confirmed = serializers.IntegerField()

    @extend_schema_field(WasteMaterialKgSerializer(many=True))
    def get_by_material(self, totals: WasteTotals) -> list[dict[str, Any]]:
        return [
            WasteMaterialKgSerializer({"material": m, "label": str(label), "kg": totals.by_material[m]}).data
            for m, label in MATERIALS.items()
        ]

    @extend_schema_field(WasteDestinationKgSerializer(many=True))
    def get_by_destination(self, totals: WasteTotals) -> list[dict[str, Any]]:
        return [
            WasteDestinationKgSerializer(
                {
                    "destination": d,
                    "label": str(label),
                    "declared_kg": totals.declared_by_destination[d],
                    "confirmed_kg": totals.confirmed_by_destination[d],
                }
            ).data
            for d, label in DESTINATIONS.items()
        ]
