from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.core.brazil import UFField
from mutiroes.core.serializers import InputSerializer, MediaUrlField, QueryParamsSerializer
from mutiroes.impact.models import MATERIAL_CHOICES
from mutiroes.litter import selectors
from mutiroes.litter.models import NOTES_MAX_LENGTH, PHOTOS_PER_REPORT, LitterHistory, LitterPhoto, LitterReport

MAX_AGE_DAYS = 3650
# The map's box: at most this many degrees a side (a state, not the whole country at once).
MAX_BBOX_DEGREES = 20.0
IMAGES_HELP = f"1 to {PHOTOS_PER_REPORT} images: JPEG, PNG or WebP by content, at most 10 MB each (EXIF/GPS removed)."


class LitterReportCreateInputSerializer(serializers.Serializer):
    """multipart/form-data: repeat `materials` and `images` for several."""

    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="A reference.")
    city = serializers.CharField(max_length=100)
    state = UFField()
    size = serializers.ChoiceField(choices=LitterReport.Size.choices)
    materials = serializers.ListField(
        child=serializers.ChoiceField(choices=MATERIAL_CHOICES), allow_empty=False, max_length=len(MATERIAL_CHOICES)
    )
    notes = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_blank=True)
    images = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        allow_empty=False,
        max_length=PHOTOS_PER_REPORT,
        help_text=IMAGES_HELP,
    )


class LitterPhotosInputSerializer(serializers.Serializer):
    """multipart/form-data: optional photos."""

    images = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        max_length=PHOTOS_PER_REPORT,
        help_text=IMAGES_HELP,
    )


class LitterResurveyInputSerializer(LitterPhotosInputSerializer):
    still_clean = serializers.BooleanField(help_text="true: still clean; false: dirty again (reopens the report).")


class LitterFlagInputSerializer(InputSerializer):
    reason = serializers.CharField(max_length=500)


class LitterScheduleInputSerializer(InputSerializer):
    report_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=50)


class LitterReportFilterSerializer(QueryParamsSerializer):
    bbox = serializers.CharField(
        required=False,
        help_text="min_lat,min_lng,max_lat,max_lng (the map's visible area), e.g. -23.6,-46.7,-23.5,-46.6",
    )
    city = serializers.CharField(required=False, max_length=100)
    state = UFField(required=False)
    size = serializers.ChoiceField(choices=LitterReport.Size.choices, required=False)
    max_age_days = serializers.IntegerField(required=False, min_value=1, max_value=MAX_AGE_DAYS)
    status = serializers.ChoiceField(choices=LitterReport.Status.choices, required=False)

    def validate_bbox(self, value: str) -> selectors.Bbox:
        message = _("Use bbox=min_lat,min_lng,max_lat,max_lng.")
        try:
            min_lat, min_lng, max_lat, max_lng = (float(part) for part in value.split(","))
        except ValueError as exc:
            raise serializers.ValidationError(message) from exc
        if not (-90 <= min_lat <= max_lat <= 90 and -180 <= min_lng <= max_lng <= 180):
            raise serializers.ValidationError(message)
        if max_lat - min_lat > MAX_BBOX_DEGREES or max_lng - min_lng > MAX_BBOX_DEGREES:
            raise serializers.ValidationError(
                _("The area is too large (at most %(n)d degrees a side); zoom in.") % {"n": int(MAX_BBOX_DEGREES)}
            )
        return selectors.Bbox(min_lat=min_lat, min_lng=min_lng, max_lat=max_lat, max_lng=max_lng)


class LitterNearbyFilterSerializer(QueryParamsSerializer):
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)


class LitterPhotoOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    image = MediaUrlField()
    stage = serializers.ChoiceField(choices=LitterPhoto.Stage.choices)
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class LitterEventRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    start = serializers.DateTimeField()


class LitterReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    address = serializers.CharField()
    city = serializers.CharField()
    state = serializers.CharField()
    size = serializers.ChoiceField(choices=LitterReport.Size.choices)
    materials = serializers.ListField(child=serializers.ChoiceField(choices=MATERIAL_CHOICES))
    notes = serializers.CharField()
    status = serializers.ChoiceField(choices=LitterReport.Status.choices)
    confirmations_count = serializers.IntegerField(help_text="People who saw it too.")
    created_at = serializers.DateTimeField()
    cleaned_at = serializers.DateTimeField(allow_null=True)
    photos = serializers.SerializerMethodField()
    scheduled_event = serializers.SerializerMethodField(help_text='The mutirão marked to clean it ("mutirão marcado").')

    @extend_schema_field(LitterPhotoOutputSerializer(many=True))
    def get_photos(self, report: LitterReport) -> list[dict[str, Any]]:
        return LitterPhotoOutputSerializer(getattr(report, "shown", []), many=True).data  # type: ignore[return-value]

    @extend_schema_field(LitterEventRefSerializer(allow_null=True))
    def get_scheduled_event(self, report: LitterReport) -> dict[str, Any] | None:
        event = selectors.scheduled_event(report)
        return LitterEventRefSerializer(event).data if event else None


class LitterNearbyReportOutputSerializer(LitterReportOutputSerializer):
    distance_m = serializers.SerializerMethodField()

    def get_distance_m(self, report: Any) -> int:
        return round(float(report.distance_km) * 1000)


class LitterHistoryOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LitterHistory.Kind.choices)
    label = serializers.SerializerMethodField()  # type: ignore[assignment]  # named like an attribute of DRF's Field
    at = serializers.DateTimeField(source="created_at")
    event = serializers.SerializerMethodField()

    def get_label(self, entry: LitterHistory) -> str:
        return str(entry.get_kind_display())

    @extend_schema_field(LitterEventRefSerializer(allow_null=True))
    def get_event(self, entry: LitterHistory) -> dict[str, Any] | None:
        event = entry.event
        if event is None or event.visibility != event.Visibility.PUBLIC or event.status == event.Status.DRAFT:
            return None
        return LitterEventRefSerializer(event).data


class LitterAfterPhotoOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    image = MediaUrlField()
    caption = serializers.CharField()
    event_id = serializers.IntegerField()


class LitterPlaceReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=LitterReport.Status.choices)
    created_at = serializers.DateTimeField()
    cleaned_at = serializers.DateTimeField(allow_null=True)


class LitterReportDetailOutputSerializer(LitterReportOutputSerializer):
    history = LitterHistoryOutputSerializer(many=True)
    after_photos = LitterAfterPhotoOutputSerializer(many=True)
    place_history = LitterPlaceReportOutputSerializer(many=True, help_text="Other reports of the same place (50 m).")
    awaiting_resurvey = serializers.BooleanField()
    can_confirm = serializers.BooleanField()
    can_resurvey = serializers.BooleanField()
    is_mine = serializers.BooleanField()
