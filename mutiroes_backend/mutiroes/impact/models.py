"""Impact: what a mutirão achieved, the reference data to estimate it, badges and certificates.

Derived figures are never typed: total, recyclable and diverted kilos are generated columns
computed by PostgreSQL from the per-material kilos; volunteers and hours come from check-ins;
CO2e from the report's versioned factor set.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mutiroes.events.models import new_code

# Material -> label; its kilos live in the `<material>_kg` column. Form order.
MATERIALS: dict[str, str] = {
    "plastic": _("Plastic"),
    "glass": _("Glass"),
    "metal": _("Metal"),
    "paper": _("Paper/cardboard"),
    "organic": _("Organic"),
    "landfill": _("Non-recyclable waste"),
    "other": _("Other"),
}
MATERIAL_CHOICES = list(MATERIALS.items())
RECYCLABLE = ("plastic", "glass", "metal", "paper")
# Kept out of the landfill: recycled or composted.
DIVERTED = (*RECYCLABLE, "organic")


def _kg_sum(materials: tuple[str, ...]) -> models.Expression:
    expression = F(f"{materials[0]}_kg")
    for material in materials[1:]:
        expression = expression + F(f"{material}_kg")
    return expression


def _kg_field(label: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=9, decimal_places=2, default=Decimal("0"))


class CO2eFactorSet(models.Model):
    """A version of the kg CO2e avoided per kg of each material, with its source.

    Versions are never edited once a report uses them: a new estimate is a new version,
    so a published report keeps meaning what it said.
    """

    version = models.CharField(_("version"), max_length=40, unique=True)
    source = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("source URL"), blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    valid_from = models.DateField(_("valid from"))
    is_current = models.BooleanField(_("current"), default=False)
    plastic = models.DecimalField(max_digits=6, decimal_places=3)
    glass = models.DecimalField(max_digits=6, decimal_places=3)
    metal = models.DecimalField(max_digits=6, decimal_places=3)
    paper = models.DecimalField(max_digits=6, decimal_places=3)
    organic = models.DecimalField(max_digits=6, decimal_places=3)
    landfill = models.DecimalField(max_digits=6, decimal_places=3)
    other = models.DecimalField(max_digits=6, decimal_places=3)

    class Meta:
        verbose_name = _("CO2e factor set")
        verbose_name_plural = _("CO2e factor sets")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="co2e_one_current_set"),
        ]

    def __str__(self) -> str:
        return self.version


class ImpactReport(models.Model):
    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="impact_report")
    factor_set = models.ForeignKey(CO2eFactorSet, on_delete=models.PROTECT, related_name="reports")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    plastic_kg = _kg_field(_("plastic (kg)"))
    glass_kg = _kg_field(_("glass (kg)"))
    metal_kg = _kg_field(_("metal (kg)"))
    paper_kg = _kg_field(_("paper/cardboard (kg)"))
    organic_kg = _kg_field(_("organic (kg)"))
    landfill_kg = _kg_field(_("non-recyclable waste (kg)"))
    other_kg = _kg_field(_("other (kg)"))
    total_kg = models.GeneratedField(
        expression=_kg_sum(tuple(MATERIALS)),
        output_field=models.DecimalField(max_digits=11, decimal_places=2),
        db_persist=True,
    )
    recyclable_kg = models.GeneratedField(
        expression=_kg_sum(RECYCLABLE),
        output_field=models.DecimalField(max_digits=11, decimal_places=2),
        db_persist=True,
    )
    diverted_kg = models.GeneratedField(
        expression=_kg_sum(DIVERTED),
        output_field=models.DecimalField(max_digits=11, decimal_places=2),
        db_persist=True,
    )

    bags = models.PositiveIntegerField(_("bags"), default=0)
    trees_planted = models.PositiveIntegerField(_("trees planted"), default=0)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=2, default=Decimal("0"))
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    achievements = models.TextField(_("achievements"), max_length=5000, blank=True)
    challenges = models.TextField(_("challenges"), max_length=5000, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set once, the first time the report is saved for a completed mutirão.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")
        ordering = ["-created_at"]
        constraints = [
            *[
                models.CheckConstraint(condition=Q(**{f"{m}_kg__gte": 0}), name=f"report_{m}_kg_not_negative")
                for m in MATERIALS
            ],
            models.CheckConstraint(condition=Q(area_m2__gte=0), name="report_area_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.event}"

    def materials_kg(self) -> dict[str, Decimal]:
        return {material: getattr(self, f"{material}_kg") for material in MATERIALS}


class UserBadge(models.Model):
    """A badge a person earned. Awarded by the rules in `badges.py`, never claimed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badges")
    code = models.CharField(max_length=40)
    awarded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["awarded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="badge_once_per_user")]

    def __str__(self) -> str:
        return f"{self.code} ({self.user_id})"


def new_certificate_code() -> str:
    raw = new_code(12)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """A certificate of volunteer hours as issued: what it said, verifiable by its code."""

    code = models.CharField(max_length=20, unique=True, default=new_certificate_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    holder_name = models.CharField(max_length=170)
    hours = models.DecimalField(max_digits=8, decimal_places=2)
    events_count = models.PositiveIntegerField()
    first_event_on = models.DateField()
    last_event_on = models.DateField()
    issued_at = models.DateTimeField(auto_now_add=True)
    # What it covers, as issued: [{"participation_id", "event_id", "title", "date", "organizer", "hours"}].
    items = models.JSONField(default=list, editable=False)
    # Set (never deleted) once the hours it states no longer stand: a mutirão cancelled or
    # without its published report, hours corrected downwards.
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="certificate_hours_positive"),
            models.CheckConstraint(condition=Q(last_event_on__gte=F("first_event_on")), name="certificate_period"),
        ]

    def __str__(self) -> str:
        return self.code
