"""Waste chain of custody: the bags a mutirão collected, and who received them for what.

Figures come in two kinds, never mixed: *declared* by the organizer (every handover) and
*confirmed* by the receiver (handovers the receiver confirmed through its signed link, with the
received weight when they weighed it).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutiroes.events.models import new_code
from mutiroes.impact.models import MATERIAL_CHOICES, MATERIALS

# Destination -> label. Diverted from landfill: recycled or composted.
DESTINATIONS: dict[str, str] = {
    "recycling": _("Recycling"),
    "composting": _("Composting"),
    "landfill": _("Landfill"),
    "hazardous": _("Hazardous waste treatment"),
}
DESTINATION_CHOICES = list(DESTINATIONS.items())
DIVERTED_DESTINATIONS = ("recycling", "composting")


def new_bag_label() -> str:
    return new_code(8)


def new_link_nonce() -> str:
    return secrets.token_urlsafe(24)


def ticket_upload_to(instance: "Handover", filename: str) -> str:
    """A random name; the client's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"custody/tickets/{uuid.uuid4().hex}.{extension}"


class Handover(models.Model):
    """Bags handed to a receiver for a declared destination; the receiver may confirm once."""

    class ReceiverKind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Waste pickers' cooperative")
        RECYCLER = "recycler", _("Recycler")
        MUNICIPAL = "municipal", _("Municipal collection")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="handovers")
    receiver_kind = models.CharField(_("receiver kind"), max_length=12, choices=ReceiverKind.choices)
    receiver_name = models.CharField(_("receiver"), max_length=150)
    destination = models.CharField(_("declared destination"), max_length=10, choices=DESTINATION_CHOICES)
    declared_kg = models.DecimalField(_("declared weight (kg)"), max_digits=9, decimal_places=2, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The secret inside the receiver's signed link; a new link replaces it (the old one stops working).
    link_nonce = models.CharField(max_length=40, unique=True, default=new_link_nonce, editable=False)
    link_expires_at = models.DateTimeField(editable=False)
    # Set once, by the receiver through the link (single use).
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    received_kg = models.DecimalField(
        _("received weight (kg)"), max_digits=9, decimal_places=2, null=True, blank=True, editable=False
    )
    receiver_note = models.CharField(_("receiver's note"), max_length=500, blank=True, editable=False)
    ticket_photo = models.ImageField(_("weighing ticket"), upload_to=ticket_upload_to, blank=True, max_length=200)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(declared_kg__gt=0), name="handover_declared_positive"),
            models.CheckConstraint(
                condition=Q(received_kg__isnull=True) | Q(received_kg__gt=0), name="handover_received_positive"
            ),
            models.CheckConstraint(
                condition=Q(received_kg__isnull=True) | Q(confirmed_at__isnull=False),
                name="handover_received_only_confirmed",
            ),
            models.CheckConstraint(condition=Q(destination__in=list(DESTINATIONS)), name="handover_destination_valid"),
        ]
        indexes = [models.Index(fields=["event", "destination"], name="handover_event_dest_idx")]

    def __str__(self) -> str:
        return f"{self.receiver_name} ({self.destination})"


class WasteBag(models.Model):
    """A bag or batch collected at a mutirão, with its material and weight; a label for its QR."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="waste_bags")
    label = models.CharField(max_length=12, unique=True, default=new_bag_label, editable=False)
    material = models.CharField(_("material"), max_length=10, choices=MATERIAL_CHOICES)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=7, decimal_places=2)
    handover = models.ForeignKey(Handover, null=True, blank=True, on_delete=models.PROTECT, related_name="bags")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("waste bag")
        verbose_name_plural = _("waste bags")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight_kg__gt=0), name="bag_weight_positive"),
            models.CheckConstraint(condition=Q(material__in=list(MATERIALS)), name="bag_material_valid"),
        ]
        indexes = [models.Index(fields=["event", "material"], name="bag_event_material_idx")]

    def __str__(self) -> str:
        return self.label
