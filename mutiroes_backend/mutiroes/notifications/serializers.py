from rest_framework import serializers

from mutiroes.core.serializers import InputSerializer, OutputModelSerializer, QueryParamsSerializer
from mutiroes.notifications.models import CONFIGURABLE_KINDS, Notification


class NotificationOutputSerializer(OutputModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "event", "created_at", "read_at", "read"]

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationFilterSerializer(QueryParamsSerializer):
    unread = serializers.BooleanField(required=False, default=False)


class ReadAllOutputSerializer(serializers.Serializer):
    updated = serializers.IntegerField()


class PreferenceOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CONFIGURABLE_KINDS)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like an attribute of DRF's Field
    in_app = serializers.BooleanField()
    email = serializers.BooleanField()


class PreferencesOutputSerializer(serializers.Serializer):
    preferences = PreferenceOutputSerializer(many=True)


class PreferenceChangeInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=CONFIGURABLE_KINDS)
    in_app = serializers.BooleanField(required=False)
    email = serializers.BooleanField(required=False)


class PreferencesUpdateInputSerializer(InputSerializer):
    preferences = PreferenceChangeInputSerializer(many=True, allow_empty=False)


class OrganizerMessageInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=120)
    body = serializers.CharField(max_length=2000)


class OrganizerMessageOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
