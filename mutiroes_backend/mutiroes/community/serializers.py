from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.community.models import CAPTION_MAX_LENGTH, COMMENT_MAX_LENGTH, Comment, Photo, Resource
from mutiroes.core.serializers import InputSerializer, OutputModelSerializer, QueryParamsSerializer


class AuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_public = serializers.BooleanField(help_text="Whether their profile page exists (link to it only then).")


# ---------------------------------------------------------------- resources
class ResourceInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, required=False)
    quantity_needed = serializers.IntegerField(min_value=1, max_value=1_000_000)
    unit = serializers.CharField(max_length=20, required=False, allow_blank=True)


class PledgeInputSerializer(InputSerializer):
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000, help_text="0 withdraws one's pledge.")


class PledgeOutputSerializer(serializers.Serializer):
    user = AuthorSerializer()
    quantity = serializers.IntegerField()


class ResourceOutputSerializer(OutputModelSerializer):
    pledged = serializers.IntegerField()
    missing = serializers.SerializerMethodField()
    my_pledge = serializers.SerializerMethodField()
    pledges = PledgeOutputSerializer(many=True)

    class Meta:
        model = Resource
        fields = ["id", "name", "kind", "quantity_needed", "unit", "pledged", "missing", "my_pledge", "pledges"]

    def get_missing(self, resource: Resource) -> int:
        pledged: int = resource.pledged  # type: ignore[attr-defined]  # annotated by the selector
        return max(resource.quantity_needed - pledged, 0)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_my_pledge(self, resource: Resource) -> int | None:
        user = self.context.get("user")
        mine = [p.quantity for p in resource.pledges.all() if user is not None and p.user_id == user.id]
        return mine[0] if mine else None


# ---------------------------------------------------------------- comments
class CommentCreateInputSerializer(InputSerializer):
    body = serializers.CharField(max_length=COMMENT_MAX_LENGTH)
    parent = serializers.IntegerField(  # type: ignore[assignment]  # a field named like an attribute of DRF's Field
        required=False, allow_null=True, help_text="Id of the comment replied to."
    )


class CommentUpdateInputSerializer(InputSerializer):
    body = serializers.CharField(max_length=COMMENT_MAX_LENGTH)


class CommentReplyOutputSerializer(OutputModelSerializer):
    author = AuthorSerializer()

    class Meta:
        model = Comment
        fields = ["id", "parent", "author", "body", "created_at", "edited_at", "is_hidden"]


class CommentOutputSerializer(CommentReplyOutputSerializer):
    replies = serializers.SerializerMethodField()

    class Meta(CommentReplyOutputSerializer.Meta):
        fields = [*CommentReplyOutputSerializer.Meta.fields, "replies"]

    @extend_schema_field(CommentReplyOutputSerializer(many=True))
    def get_replies(self, comment: Comment) -> list[dict[str, Any]]:
        if comment.parent_id is not None:
            return []
        return cast(list[dict[str, Any]], CommentReplyOutputSerializer(comment.replies.all(), many=True).data)


class ModerationInputSerializer(InputSerializer):
    hidden = serializers.BooleanField(default=True)


# ---------------------------------------------------------------- photos
class PhotoInputSerializer(serializers.Serializer):
    # A plain file: the content is checked by the service with Pillow, not by the name.
    image = serializers.FileField(help_text="JPEG, PNG or WebP, at most 10 MB.")
    caption = serializers.CharField(max_length=CAPTION_MAX_LENGTH, required=False, allow_blank=True)
    stage = serializers.ChoiceField(choices=Photo.Stage.choices)


class PhotoFilterSerializer(QueryParamsSerializer):
    stage = serializers.ChoiceField(choices=Photo.Stage.choices, required=False)


class PhotoOutputSerializer(OutputModelSerializer):
    uploaded_by = AuthorSerializer()
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = [
            "id",
            "image",
            "thumbnail",
            "caption",
            "stage",
            "width",
            "height",
            "content_type",
            "uploaded_by",
            "created_at",
            "is_hidden",
        ]

    def get_image(self, photo: Photo) -> str:
        return photo.image.url

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_thumbnail(self, photo: Photo) -> str | None:
        """Null until the background task has made it."""
        return photo.thumbnail.url if photo.thumbnail else None
