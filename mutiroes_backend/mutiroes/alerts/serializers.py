from rest_framework import serializers

from mutiroes.alerts.models import MAX_RADIUS_KM, AlertArea, AlertSettings
from mutiroes.core.brazil import UFField
from mutiroes.core.serializers import InputSerializer, OutputModelSerializer
from mutiroes.events.models import Category


class AlertAreaOutputSerializer(OutputModelSerializer):
    categories = serializers.SerializerMethodField()

    class Meta:
        model = AlertArea
        fields = [
            "id",
            "label",
            "kind",
            "latitude",
            "longitude",
            "radius_km",
            "city",
            "state",
            "categories",
            "created_at",
        ]

    def get_categories(self, area: AlertArea) -> list[int]:
        """The ids of the categories watched; empty: every category."""
        return sorted(category.id for category in area.categories.all())


class AlertAreaInputSerializer(InputSerializer):
    label = serializers.CharField(max_length=80, required=False, allow_blank=True)  # type: ignore[assignment]  # named like an attribute of DRF's Field
    kind = serializers.ChoiceField(choices=AlertArea.Kind.choices)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    radius_km = serializers.IntegerField(required=False, min_value=1, max_value=MAX_RADIUS_KM)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    state = UFField(required=False)
    categories = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), many=True, required=False)


class AlertSettingsSerializer(InputSerializer):
    email_frequency = serializers.ChoiceField(choices=AlertSettings.EmailFrequency.choices)
