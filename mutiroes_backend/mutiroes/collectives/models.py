"""Collectives (ONGs, associações, escolas, coletivos): their members and roles, invitations,
followers, and the fan-out that tells followers about a new mutirão."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from mutiroes.core.brazil import UF_CHOICES
from mutiroes.events.rules import COLLECTIVE_MANAGING_ROLES


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ORGANIZER = "organizer", _("Organizer")
    MEMBER = "member", _("Member")


# The roles that manage every mutirão of the collective: defined once, in the mutirão's rules.
MANAGING_ROLES: tuple[str, ...] = COLLECTIVE_MANAGING_ROLES
assert set(MANAGING_ROLES) == {Role.OWNER, Role.ORGANIZER}


class Collective(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/%m/", blank=True)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=UF_CHOICES)
    website = models.URLField(_("website"), max_length=300, blank=True)
    instagram = models.CharField(_("Instagram"), max_length=30, blank=True)
    whatsapp_group = models.URLField(_("WhatsApp group link"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="collective_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collective_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    # Shown on the collective's public page only when the member chose so.
    is_public = models.BooleanField(_("shown on the public page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "user"], name="membership_one_per_user"),
            models.CheckConstraint(
                condition=Q(role__in=["owner", "organizer", "member"]), name="membership_role_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "collective", "role"], name="membership_user_idx"),
            models.Index(fields=["collective", "role"], name="membership_collective_role_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.collective_id} ({self.role})"


class Invitation(models.Model):
    """An invitation by e-mail. Its link carries a signed token (`collectives.invitations`); the
    row makes it single-use (`accepted_at`) and is the outbox of its e-mail."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["owner", "organizer", "member"]), name="invitation_role_valid"
            ),
            # One open invitation per address and collective; inviting again replaces it.
            models.UniqueConstraint(
                "collective",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["created_at"], name="invitation_outbox_idx", condition=Q(email_status="pending")),
        ]

    def __str__(self) -> str:
        return f"invitation {self.id} @ {self.collective_id}"


class Follow(models.Model):
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collective_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Also the index the fan-out walks: a collective's followers in user-id order.
        constraints = [models.UniqueConstraint(fields=["collective", "user"], name="follow_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.collective_id}"


class Announcement(models.Model):
    """ "A collective published a mutirão", fanned out to its followers in batches (like a
    broadcast): one row per mutirão, so announcing twice is a no-op."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="+")
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    cursor_user_id = models.BigIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["updated_at"], name="announcement_open_idx", condition=Q(completed_at=None)),
        ]

    def __str__(self) -> str:
        return f"announcement of {self.event_id}"
