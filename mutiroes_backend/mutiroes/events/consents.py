"""What registration asks of a person, once: the texts, their version, and who must accept what.

A mutirão may require a liability waiver (`requires_waiver`) and ask for image-use consent
(`asks_image_consent`, which the person may refuse); a person under 18 on the day of the
mutirão (from their birth date) needs a guardian's consent, with the guardian's name. What was
accepted, when, and `CONSENT_VERSION` are stored with the participation. Change a text: bump
the version, so earlier acceptances still say which text they were.
"""

from dataclasses import dataclass
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mutiroes.events import rules
from mutiroes.events.models import Event
from mutiroes.users.models import User

CONSENT_VERSION = "2026-12-01"
ADULT_AGE = 18

ConsentKind = Literal["waiver", "image_use", "guardian"]
CONSENT_KINDS: tuple[ConsentKind, ...] = ("waiver", "image_use", "guardian")

_TEXTS: dict[ConsentKind, str] = {
    "waiver": gettext_noop(
        "I take part voluntarily and unpaid. I know the activity happens outdoors and may involve "
        "physical effort, sun, water and sharp or dirty waste; I will follow the organizer's safety "
        "instructions and use the protective equipment offered, and I answer for my own health "
        "conditions."
    ),
    "image_use": gettext_noop(
        "I allow photos and videos in which I appear, taken during the mutirão, to be used free of "
        "charge by the organizer and by Mutirões to report and promote environmental action, never "
        "for sale. I may withdraw this consent at any time."
    ),
    "guardian": gettext_noop(
        "I am the legal guardian of this person under 18 and I authorize their participation in this "
        "mutirão, under the terms above."
    ),
}


@dataclass(frozen=True)
class ConsentAsk:
    kind: ConsentKind
    required: bool
    text: str
    version: str = CONSENT_VERSION


def is_minor_at(event: Event, user: User) -> bool:
    """Under 18 on the mutirão's day, by the birth date on the profile (unknown: not a minor)."""
    if not user.birth_date:
        return False
    return rules.age_on(user.birth_date, timezone.localtime(event.start).date()) < ADULT_AGE


def consents_asked(event: Event, user: User | None) -> list[ConsentAsk]:
    """The consents registration asks of this person (anonymous: those asked of an adult)."""
    asked = []
    if event.requires_waiver:
        asked.append(ConsentAsk(kind="waiver", required=True, text=_(_TEXTS["waiver"])))
    if event.asks_image_consent:
        asked.append(ConsentAsk(kind="image_use", required=False, text=_(_TEXTS["image_use"])))
    if user is not None and is_minor_at(event, user):
        asked.append(ConsentAsk(kind="guardian", required=True, text=_(_TEXTS["guardian"])))
    return asked
