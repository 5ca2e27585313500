"""What a shared link shows: the preview card of a mutirão, its cached picture, and the share data.

The picture's URL carries the card's key (`?v=`), so a change to what the card shows (title,
date, place, category, spots left) gives a new URL that WhatsApp and the other crawlers fetch
anew; the PNG is cached in Redis under the same key (a miss, or Redis down, renders it again).
An unlisted mutirão's picture also needs `k`, a keyed digest of its id that only its page hands
out: walking ids shows nothing, and neither `k` nor any URL here carries the share token or
anything about the person who shares.
"""

import hmac
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from mutiroes.core.cache import cache_get, cache_set
from mutiroes.events import rules
from mutiroes.events.models import Event
from mutiroes.sharing.cards import HEIGHT, WIDTH, Card, card_key, card_render

LANGUAGE = "pt-br"
CARD_CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True, kw_only=True)
class ShareData:
    """What the web app puts in a page's Open Graph / Twitter tags and its share button."""

    path: str  # the page, relative to the site
    title: str
    description: str
    image_path: str  # the preview picture, relative to the site
    image_width: int
    image_height: int
    image_alt: str
    poster_path: str | None
    indexable: bool


def card_png(card: Card) -> bytes:
    """The card's PNG, from the cache or drawn now (and cached)."""
    key = f"sharing:card:{card_key(card)}"
    cached = cache_get(key)
    if isinstance(cached, bytes):
        return cached
    png = card_render(card)
    cache_set(key, png, timeout=CARD_CACHE_SECONDS)
    return png


def image_access_key(*, kind: str, object_id: int | str) -> str:
    """The `k` of a picture that is not public (an unlisted mutirão): keyed, not guessable."""
    message = f"sharing:{kind}:{object_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, sha256).hexdigest()[:24]


def image_access_ok(*, kind: str, object_id: int | str, key: str) -> bool:
    return hmac.compare_digest(image_access_key(kind=kind, object_id=object_id), key)


def _when(event: Event) -> str:
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if start.date() == end.date():
        return f"{date_format(start, 'D, d/m/Y · H:i')}–{date_format(end, 'H:i')}"
    return f"{date_format(start, 'd/m/Y H:i')} – {date_format(end, 'd/m/Y H:i')}"


def _status_text(event: Event) -> str:
    if event.status == Event.Status.CANCELLED:
        return _("Cancelled")
    if event.status == Event.Status.COMPLETED or event.end <= timezone.now():
        return _("Over")
    if event.spots_left == 0:
        return _("Full: waitlist open")
    return ngettext("%(count)d spot left", "%(count)d spots left", event.spots_left) % {"count": event.spots_left}


def event_card(event: Event) -> Card:
    """A mutirão's preview card: category, title, date, place, spots left."""
    with override(LANGUAGE):
        return Card(
            kicker=event.category.name,
            title=event.title,
            lines=(_when(event), f"{event.address} — {event.city}/{event.state}"),
            badge=_status_text(event),
            accent=event.category.color,
        )


def event_image_path(event: Event) -> str:
    path = f"/api/events/{event.id}/og.png?v={card_key(event_card(event))}"
    if event.visibility == Event.Visibility.UNLISTED:
        path += f"&k={image_access_key(kind='event', object_id=event.id)}"
    return path


def share_data(
    *,
    path: str,
    title: str,
    description: str,
    image_path: str,
    indexable: bool,
    poster_path: str | None = None,
) -> ShareData:
    """The share data of any public page (a mutirão's, a collective's): its preview picture is a
    `Card` served at `image_path` (which should carry `?v=<card_key(card)>`)."""
    with override(LANGUAGE):
        image_alt = _("%(title)s: %(description)s") % {"title": title, "description": description}
    return ShareData(
        path=path,
        title=title,
        description=description,
        image_path=image_path,
        image_width=WIDTH,
        image_height=HEIGHT,
        image_alt=image_alt,
        poster_path=poster_path,
        indexable=indexable,
    )


def event_share(*, event: Event) -> ShareData:
    """The share data of a mutirão the caller may see (the caller checked)."""
    with override(LANGUAGE):
        description = f"{_when(event)} · {event.city}/{event.state}. {_status_text(event)}."
    return share_data(
        path=f"/eventos/{event.id}",
        title=event.title,
        description=description,
        image_path=event_image_path(event),
        poster_path=f"/api/events/{event.id}/poster.pdf" if event.status != Event.Status.DRAFT else None,
        indexable=event.visibility == Event.Visibility.PUBLIC and event.status != Event.Status.DRAFT,
    )


def event_for_image(*, event_id: int, user: Any, key: str) -> Event | None:
    """The mutirão whose picture is asked for, if the caller may see it: a public one that is not
    a draft, an unlisted one with its `k`, or any the caller may see (its organizers, a draft)."""
    event = Event.objects.select_related("category").filter(pk=event_id).first()
    if event is None:
        return None
    if event.status != Event.Status.DRAFT and event.visibility == Event.Visibility.UNLISTED and key:
        if image_access_ok(kind="event", object_id=event.id, key=key):
            return event
    return event if rules.can_see(event=event, user=user) else None
