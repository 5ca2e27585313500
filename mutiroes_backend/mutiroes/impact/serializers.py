from decimal import Decimal
from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.core.serializers import InputSerializer
from mutiroes.events.serializers import EventOutputSerializer
from mutiroes.impact.models import MATERIAL_CHOICES, MATERIALS, Certificate
from mutiroes.impact.selectors import ReportView
from mutiroes.users.models import User
from mutiroes.users.serializers import UserPublicOutputSerializer

KG: dict[str, Any] = {"max_digits": 9, "decimal_places": 2, "min_value": Decimal("0")}


# Kilos collected per material: one field per entry of `MATERIALS`, the one list of materials.
MaterialsKgSerializer = type(
    "MaterialsKgSerializer",
    (InputSerializer,),
    {
        "__doc__": "Kilos collected per material (the keys of GET /api/materials/).",
        "__module__": __name__,
        **{material: serializers.DecimalField(**KG, required=False) for material in MATERIALS},
    },
)


class MaterialOutputSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=MATERIAL_CHOICES, help_text="The key in `materials_kg`.")
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like an attribute of DRF's Field


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class ReportInputSerializer(InputSerializer):
    materials_kg = MaterialsKgSerializer()
    bags = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    trees_planted = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False)
    area_m2 = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    achievements = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    challenges = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class FactorSetOutputSerializer(serializers.Serializer):
    version = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field named like an attribute of DRF's Field
    source_url = serializers.CharField()


class ReportDerivedSerializer(serializers.Serializer):
    total_kg = serializers.DecimalField(max_digits=11, decimal_places=2)
    recyclable_kg = serializers.DecimalField(max_digits=11, decimal_places=2)
    diverted_kg = serializers.DecimalField(max_digits=11, decimal_places=2, help_text="Recycled or composted.")
    co2e_avoided_kg = serializers.DecimalField(max_digits=12, decimal_places=2)
    volunteers = serializers.IntegerField(help_text="Participants checked in.")
    volunteer_hours = serializers.DecimalField(max_digits=10, decimal_places=2)


class ReportOutputSerializer(serializers.Serializer):
    event_id = serializers.IntegerField()
    materials_kg = MaterialsKgSerializer()
    bags = serializers.IntegerField()
    trees_planted = serializers.IntegerField()
    area_m2 = serializers.DecimalField(max_digits=12, decimal_places=2)
    summary = serializers.CharField()
    achievements = serializers.CharField()
    challenges = serializers.CharField()
    derived = ReportDerivedSerializer()
    co2e_factors = FactorSetOutputSerializer()
    is_public = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def to_representation(self, view: ReportView) -> dict[str, Any]:
        report = view.report
        data = {
            "event_id": report.event_id,
            "materials_kg": report.materials_kg(),
            "bags": report.bags,
            "trees_planted": report.trees_planted,
            "area_m2": report.area_m2,
            "summary": report.summary,
            "achievements": report.achievements,
            "challenges": report.challenges,
            "derived": {
                "total_kg": report.total_kg,
                "recyclable_kg": report.recyclable_kg,
                "diverted_kg": report.diverted_kg,
                "co2e_avoided_kg": view.co2e_avoided_kg,
                "volunteers": view.volunteers,
                "volunteer_hours": view.volunteer_hours,
            },
            "co2e_factors": report.factor_set,
            "is_public": view.is_public,
            "published_at": report.published_at,
            "updated_at": report.updated_at,
        }
        return super().to_representation(data)


class PlatformStatsGroupSerializer(serializers.Serializer):
    events_completed = serializers.IntegerField()
    volunteers = serializers.IntegerField()
    volunteer_hours = serializers.DecimalField(max_digits=14, decimal_places=2)
    total_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    diverted_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    trees_planted = serializers.IntegerField()


class PlatformStatsCategorySerializer(PlatformStatsGroupSerializer):
    category = CategoryRefSerializer()


class PlatformStatsCitySerializer(PlatformStatsGroupSerializer):
    city = serializers.CharField()
    state = serializers.CharField()


class PlatformStatsMonthSerializer(PlatformStatsGroupSerializer):
    month = serializers.CharField(help_text="YYYY-MM, São Paulo time, by the mutirão's start.")


class PlatformStatsTotalsSerializer(serializers.Serializer):
    events_completed = serializers.IntegerField()
    reports = serializers.IntegerField()
    volunteers = serializers.IntegerField(help_text="Distinct people checked in.")
    attendances = serializers.IntegerField(help_text="Check-ins (one person may have many).")
    volunteer_hours = serializers.DecimalField(max_digits=14, decimal_places=2)
    kg_by_material = MaterialsKgSerializer()
    total_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    recyclable_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    diverted_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    co2e_avoided_kg = serializers.DecimalField(max_digits=14, decimal_places=2)
    trees_planted = serializers.IntegerField()
    bags = serializers.IntegerField()
    area_m2 = serializers.DecimalField(max_digits=14, decimal_places=2)


class PlatformStatsOutputSerializer(serializers.Serializer):
    totals = PlatformStatsTotalsSerializer()
    by_category = PlatformStatsCategorySerializer(many=True)
    by_city = PlatformStatsCitySerializer(many=True)
    by_month = PlatformStatsMonthSerializer(many=True, help_text="The last 12 months, oldest first, zeros included.")
    co2e_factors = FactorSetOutputSerializer(allow_null=True)
    computed_at = serializers.DateTimeField()


class CertificateEventOutputSerializer(serializers.Serializer):
    """One mutirão a certificate covers, as it stood when the certificate was issued."""

    title = serializers.CharField()
    date = serializers.DateField()
    organizer = serializers.CharField()
    hours = serializers.DecimalField(max_digits=8, decimal_places=2)


class CertificateVerifyOutputSerializer(serializers.Serializer):
    """What a certificate states, and nothing private: no email, no contact, no birth date."""

    code = serializers.CharField()
    valid = serializers.SerializerMethodField()
    holder_name = serializers.CharField()
    hours = serializers.DecimalField(max_digits=8, decimal_places=2)
    events_count = serializers.IntegerField()
    first_event_on = serializers.DateField()
    last_event_on = serializers.DateField()
    issued_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    events = CertificateEventOutputSerializer(many=True, source="items")

    def get_valid(self, certificate: Certificate) -> bool:
        return certificate.revoked_at is None


class BadgeOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    awarded_at = serializers.DateTimeField()


class StatsOutputSerializer(serializers.Serializer):
    events_attended = serializers.IntegerField()
    volunteer_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    kg_collected = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Kilos collected by the mutirões one checked in to."
    )
    trees_planted = serializers.IntegerField(help_text="Trees planted by the mutirões one checked in to.")
    categories_attended = serializers.IntegerField()
    events_organized = serializers.IntegerField()
    events_organized_completed = serializers.IntegerField()
    badges = BadgeOutputSerializer(many=True)


class UserProfileOutputSerializer(UserPublicOutputSerializer):
    stats = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta(UserPublicOutputSerializer.Meta):
        fields = [*UserPublicOutputSerializer.Meta.fields, "stats", "events"]

    @extend_schema_field(StatsOutputSerializer)
    def get_stats(self, user: User) -> dict[str, Any]:
        return StatsOutputSerializer(self.context["stats"]).data

    @extend_schema_field(EventOutputSerializer(many=True))
    def get_events(self, user: User) -> list[dict[str, Any]]:
        return cast(list[dict[str, Any]], EventOutputSerializer(self.context["events"], many=True).data)
