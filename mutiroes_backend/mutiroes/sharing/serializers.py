from rest_framework import serializers

from mutiroes.core.serializers import QueryParamsSerializer


class ShareOutputSerializer(serializers.Serializer):
    """Open Graph / Twitter data of a page, paths relative to the site (the web app makes them absolute)."""

    path = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    image_path = serializers.CharField()
    image_width = serializers.IntegerField()
    image_height = serializers.IntegerField()
    image_alt = serializers.CharField()
    poster_path = serializers.CharField(allow_null=True)
    indexable = serializers.BooleanField()


class ImageQuerySerializer(QueryParamsSerializer):
    v = serializers.CharField(required=False, max_length=64, help_text="The card's version (cache busting).")
    k = serializers.CharField(
        required=False, max_length=64, help_text="The access key of a picture that is not public."
    )
