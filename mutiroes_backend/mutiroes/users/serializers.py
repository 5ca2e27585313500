from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mutiroes.core.brazil import UFField
from mutiroes.core.serializers import InputSerializer, MediaUrlField, OutputModelSerializer
from mutiroes.users.models import User


class RegisterInputSerializer(InputSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, style={"input_type": "password"})
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80, required=False, allow_blank=True)


class UserMeOutputSerializer(OutputModelSerializer):
    avatar = MediaUrlField()
    interests: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "display_name",
            "name",
            "bio",
            "city",
            "state",
            "avatar",
            "interests",
            "is_public",
            "show_history",
            "birth_date",
            "is_staff",
            "date_joined",
        ]


class UserMeInputSerializer(InputSerializer):
    first_name = serializers.CharField(max_length=80, required=False)
    last_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    display_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    state = UFField(required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    is_public = serializers.BooleanField(required=False)
    show_history = serializers.BooleanField(required=False)
    interests = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=User.interests.rel.model._default_manager.all(), required=False
    )

    def validate_birth_date(self, value: date | None) -> date | None:
        if value and value >= timezone.localdate():
            raise serializers.ValidationError(_("The birth date must be in the past."))
        return value


class UserPublicOutputSerializer(OutputModelSerializer):
    avatar = MediaUrlField()

    class Meta:
        model = User
        fields = ["id", "name", "bio", "city", "state", "avatar", "date_joined"]


class LoginInputSerializer(InputSerializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenPairOutputSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RefreshInputSerializer(InputSerializer):
    refresh = serializers.CharField()


class PasswordChangeInputSerializer(InputSerializer):
    old_password = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128)


class PasswordResetInputSerializer(InputSerializer):
    email = serializers.EmailField()


class PasswordResetConfirmInputSerializer(InputSerializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128)


class AccountDeleteInputSerializer(InputSerializer):
    password = serializers.CharField(max_length=128)


class CalendarTokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()
    url = serializers.CharField()


class MessageOutputSerializer(serializers.Serializer):
    detail = serializers.CharField()
