"""Community around a mutirão: what to bring (resources and pledges), comments and photos."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000
CAPTION_MAX_LENGTH = 300


class Resource(models.Model):
    class Kind(models.TextChoices):
        TOOL = "tool", _("Tool")
        SUPPLY = "supply", _("Supply")
        PROTECTION = "protection", _("Protective gear")
        SEEDLING = "seedling", _("Seedlings")
        FOOD = "food", _("Food and water")
        OTHER = "other", _("Other")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    quantity_needed = models.PositiveIntegerField(_("quantity needed"))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity_needed__gte=1), name="resource_quantity_at_least_one"),
            models.CheckConstraint(
                condition=Q(kind__in=["tool", "supply", "protection", "seedling", "food", "other"]),
                name="resource_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Pledge(models.Model):
    """Someone's promise to bring some of a resource. One per person and resource."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="pledges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledges")
    quantity = models.PositiveIntegerField(_("quantity"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="pledge_one_per_user_and_resource"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="pledge_quantity_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.resource_id} × {self.quantity}"


class Comment(models.Model):
    """A comment on a mutirão; replies go one level deep, on the same mutirão (checked by the service)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="comment_not_own_parent"),
            models.CheckConstraint(condition=~Q(body=""), name="comment_not_empty"),
        ]
        indexes = [models.Index(fields=["event", "parent", "created_at"], name="comment_thread_idx")]

    def __str__(self) -> str:
        return self.body[:60]


def photo_upload_to(instance: "Photo", filename: str) -> str:
    """A random name under the mutirão's folder; the client's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"photos/{instance.event_id}/{uuid.uuid4().hex}.{extension}"


def thumbnail_upload_to(instance: "Photo", filename: str) -> str:
    return f"photos/{instance.event_id}/thumbs/{uuid.uuid4().hex}.jpg"


class Photo(models.Model):
    class Stage(models.TextChoices):
        BEFORE = "before", _("Before")
        DURING = "during", _("During")
        AFTER = "after", _("After")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="photos")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="photos")
    # Stored through the default storage (STORAGES["default"]): the media root or object storage.
    image = models.ImageField(_("image"), upload_to=photo_upload_to, max_length=200)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=thumbnail_upload_to, max_length=200, blank=True)
    caption = models.CharField(_("caption"), max_length=CAPTION_MAX_LENGTH, blank=True)
    stage = models.CharField(_("stage"), max_length=6, choices=Stage.choices)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=["before", "during", "after"]), name="photo_stage_valid"),
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png", "image/webp"]), name="photo_type_allowed"
            ),
        ]
        indexes = [models.Index(fields=["event", "is_hidden", "created_at"], name="photo_event_idx")]

    def __str__(self) -> str:
        return self.caption or self.image.name
