from decimal import Decimal

from rest_framework import serializers

from mutiroes.core.serializers import InputSerializer

KG = {"max_digits": 9, "decimal_places": 2, "min_value": Decimal("0")}


class MaterialsKgSerializer(InputSerializer):
    """Kilos collected per material (plástico, vidro, metal, papel/papelão, orgânico, rejeito, outros)."""

    plastic = serializers.DecimalField(**KG, required=False)
    glass = serializers.DecimalField(**KG, required=False)
    metal = serializers.DecimalField(**KG, required=False)
    paper = serializers.DecimalField(**KG, required=False)
    organic = serializers.DecimalField(**KG, required=False)
    landfill = serializers.DecimalField(**KG, required=False)
    other = serializers.DecimalField(**KG, required=False)


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
    source = serializers.CharField()
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

    def to_representation(self, view):  # a selectors.ReportView
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
    category = serializers.DictField(help_text="{id, slug, name}")


class PlatformStatsCitySerializer(PlatformStatsGroupSerializer):
    city = serializers.CharField()
    state = serializers.CharField()


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
    co2e_factors = FactorSetOutputSerializer(allow_null=True)
    computed_at = serializers.DateTimeField()


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

    def get_valid(self, certificate: object) -> bool:
        return True
