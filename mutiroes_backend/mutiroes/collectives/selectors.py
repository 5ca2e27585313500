"""Reads of collectives: listings, the public page (mutirões, impact, members shown) and what the
viewer is to the collective."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from mutiroes.collectives.models import MANAGING_ROLES, Collective, Follow, Invitation, Membership, Role
from mutiroes.core.exceptions import Forbidden, NotFound
from mutiroes.custody import selectors as custody
from mutiroes.custody.selectors import WasteTotals
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation, SeriesSubscription
from mutiroes.impact.models import MATERIALS, ImpactReport
from mutiroes.sharing.cards import Card, card_key
from mutiroes.sharing.selectors import LANGUAGE, ShareData, share_data
from mutiroes.users.models import User

CENT = Decimal("0.01")
ZERO = Decimal("0")


def _counted(queryset: QuerySet[Collective]) -> QuerySet[Collective]:
    followers = (
        Follow.objects.filter(collective=OuterRef("pk")).values("collective").annotate(n=Count("id")).values("n")
    )
    return queryset.annotate(followers_count=Coalesce(Subquery(followers), 0))


def collective_list(*, user: User | AnonymousUser, managed: bool = False) -> QuerySet[Collective]:
    """Every collective (they are public), by name; `managed`: those the caller organizes."""
    queryset = Collective.objects.all()
    if managed:
        if not isinstance(user, User):  # anonymous
            return Collective.objects.none()
        queryset = queryset.filter(memberships__user=user, memberships__role__in=MANAGING_ROLES)
    return _counted(queryset).order_by("name", "id")


def collective_get(*, slug: str) -> Collective:
    collective = _counted(Collective.objects.filter(slug=slug)).first()
    if collective is None:
        raise NotFound(_("Collective not found."))
    return collective


def my_membership(*, collective: Collective, user: User | AnonymousUser) -> Membership | None:
    if not isinstance(user, User):  # anonymous
        return None
    return Membership.objects.filter(collective=collective, user=user).first()


def is_following(*, collective: Collective, user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and Follow.objects.filter(collective=collective, user=user).exists()


def _public_events(collective: Collective) -> QuerySet[Event]:
    return Event.objects.filter(
        collective=collective,
        visibility=Event.Visibility.PUBLIC,
        status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
    ).select_related("category")


def collective_card(collective: Collective) -> Card:
    """Its preview card (Open Graph / Twitter): name, city/UF and how many public mutirões."""
    count = _public_events(collective).count()
    with override(LANGUAGE):
        events = ngettext("%(count)d mutirão", "%(count)d mutirões", count) % {"count": count}
        return Card(
            kicker=_("Collective"), title=collective.name, lines=(f"{collective.city}/{collective.state}", events)
        )


def collective_share(*, collective: Collective) -> ShareData:
    """The share data of its public page; the picture's URL changes with what the card shows."""
    card = collective_card(collective)
    return share_data(
        path=f"/coletivos/{collective.slug}",
        title=collective.name,
        description=" · ".join(card.lines),
        image_path=f"/api/collectives/{collective.slug}/og.png?v={card_key(card)}",
        indexable=True,
    )


def collective_events(*, collective: Collective, when: str) -> QuerySet[Event]:
    """Its public mutirões: upcoming (soonest first) or past (latest first)."""
    now = timezone.now()
    events = _public_events(collective)
    if when == "past":
        return events.filter(Q(status=Event.Status.COMPLETED) | Q(end__lte=now)).order_by("-start", "-id")
    return events.filter(status=Event.Status.PUBLISHED, end__gt=now).order_by("start", "id")


@dataclass(frozen=True, kw_only=True)
class CollectiveImpact:
    events_completed: int
    volunteers: int
    volunteer_hours: Decimal
    kg_by_material: dict[str, Decimal]
    total_kg: Decimal
    trees_planted: int


def collective_impact(*, collective: Collective) -> CollectiveImpact:
    """What its completed mutirões achieved, from their published reports and check-ins (three
    queries whatever the number of mutirões). "Attended" is the one definition (`rules.ATTENDED`)."""

    def kg(name: str) -> Any:
        return Coalesce(Sum(name), Value(ZERO), output_field=DecimalField())

    reports = ImpactReport.objects.filter(event__collective=collective, event__status=Event.Status.COMPLETED).aggregate(
        **{f"sum_{m}": kg(f"{m}_kg") for m in MATERIALS},
        sum_total=kg("total_kg"),
        sum_trees=Coalesce(Sum("trees_planted"), 0),
    )
    people = Participation.objects.filter(rules.ATTENDED, event__collective=collective).aggregate(
        volunteers=Count("user", distinct=True),
        hours=Coalesce(Sum("hours"), Value(ZERO), output_field=DecimalField()),
    )
    return CollectiveImpact(
        events_completed=Event.objects.filter(collective=collective, status=Event.Status.COMPLETED).count(),
        volunteers=people["volunteers"],
        volunteer_hours=people["hours"].quantize(CENT),
        kg_by_material={m: reports[f"sum_{m}"].quantize(CENT) for m in MATERIALS},
        total_kg=reports["sum_total"].quantize(CENT),
        trees_planted=reports["sum_trees"],
    )


def collective_waste(*, collective: Collective) -> WasteTotals:
    """The waste of its completed public mutirões, as the public dashboard counts it: what the
    organizers declared handed over apart from what the receivers confirmed (3 queries)."""
    return custody.waste_totals(events=custody.public_events().filter(collective=collective))


def member_list(*, collective: Collective, user: User | AnonymousUser) -> QuerySet[Membership]:
    """Members see every member; everyone else sees those who chose to be shown."""
    queryset = Membership.objects.filter(collective=collective).select_related("user")
    if not getattr(user, "is_staff", False) and my_membership(collective=collective, user=user) is None:
        queryset = queryset.filter(is_public=True, user__is_active=True)
    rank = Case(When(role=Role.OWNER, then=0), When(role=Role.ORGANIZER, then=1), default=2)
    return queryset.order_by(rank, "created_at", "id")


def invitation_list(*, collective: Collective, user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Open invitations, for the collective's owners and organizers."""
    membership = my_membership(collective=collective, user=user)
    if not getattr(user, "is_staff", False) and (membership is None or membership.role not in MANAGING_ROLES):
        raise Forbidden(_("Only the collective's owners and organizers can do this."))
    return Invitation.objects.filter(
        collective=collective, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def collectives_export(*, user: User) -> dict[str, Any]:
    """The account export's part about collectives (users.hooks.user_exported), as plain data."""
    memberships = Membership.objects.filter(user=user).select_related("collective").order_by("created_at", "id")
    follows = Follow.objects.filter(user=user).select_related("collective").order_by("created_at", "id")
    subscriptions = (
        SeriesSubscription.objects.filter(user=user)
        .select_related("series__collective", "series__origin")
        .order_by("created_at", "id")
    )
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("collective")
    return {
        "collective_memberships": [
            {
                "collective": m.collective.slug,
                "name": m.collective.name,
                "role": m.role,
                "is_public": m.is_public,
                "created_at": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        "collective_follows": [
            {"collective": f.collective.slug, "name": f.collective.name, "created_at": f.created_at.isoformat()}
            for f in follows
        ],
        "series_subscriptions": [
            {
                "series": s.series_id,
                "title": s.series.origin.title if s.series.origin else None,
                "collective": s.series.collective.slug if s.series.collective else None,
                "frequency": s.series.frequency,
                "created_at": s.created_at.isoformat(),
            }
            for s in subscriptions
        ],
        "collective_invitations": [
            {
                "collective": i.collective.slug,
                "name": i.collective.name,
                "role": i.role,
                "created_at": i.created_at.isoformat(),
                "expires_at": i.expires_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
                "revoked_at": i.revoked_at.isoformat() if i.revoked_at else None,
            }
            for i in invitations
        ],
    }
