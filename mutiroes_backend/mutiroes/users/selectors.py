"""Reads about people: public profiles, personal stats and the LGPD export."""

from typing import Any

from django.utils.translation import gettext as _

from mutiroes.alerts.selectors import alert_areas_export
from mutiroes.core.exceptions import NotFound
from mutiroes.events.models import Event, Participation
from mutiroes.impact.selectors import user_badges, user_impact_stats
from mutiroes.notifications.models import Notification
from mutiroes.users.models import User


def user_get_public(*, user_id: int) -> User:
    user = User.objects.filter(pk=user_id, is_active=True, is_public=True).first()
    if user is None:
        raise NotFound(_("Profile not found."))
    return user


def user_stats(*, user: User) -> dict[str, Any]:
    """Mutirões attended, hours, kilos, trees, mutirões organized and badges (see the impact app)."""
    return {**user_impact_stats(user=user), "badges": user_badges(user=user)}


def user_export(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about a person, as plain data (LGPD art. 18)."""

    participations = Participation.objects.filter(user=user).select_related("event").order_by("created_at")
    return {
        "profile": {
            "id": user.id,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "display_name": user.display_name,
            "bio": user.bio,
            "city": user.city,
            "state": user.state,
            "birth_date": user.birth_date.isoformat() if user.birth_date else None,
            "avatar": user.avatar.url if user.avatar else None,
            "interests": list(user.interests.values_list("slug", flat=True)),
            "is_public": user.is_public,
            "show_history": user.show_history,
            "date_joined": user.date_joined.isoformat(),
        },
        "participations": [
            {
                "event_id": p.event_id,
                "event_title": p.event.title,
                "event_start": p.event.start.isoformat(),
                "status": p.status,
                "emergency_contact": p.emergency_contact,
                "notes": p.notes,
                "checked_in_at": p.checked_in_at.isoformat() if p.checked_in_at else None,
                "checked_out_at": p.checked_out_at.isoformat() if p.checked_out_at else None,
                "hours": str(p.hours) if p.hours is not None else None,
                "created_at": p.created_at.isoformat(),
            }
            for p in participations
        ],
        "organized_events": [
            {"id": e.id, "title": e.title, "start": e.start.isoformat(), "status": e.status}
            for e in Event.objects.filter(organizer=user).order_by("start")
        ],
        "alert_areas": alert_areas_export(user=user),
        "notifications": [
            {"kind": n.kind, "title": n.title, "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "stats": {key: str(value) for key, value in user_stats(user=user).items() if key != "badges"},
        "badges": [
            {"code": badge.code, "name": badge.name, "awarded_at": badge.awarded_at.isoformat()}
            for badge in user_stats(user=user)["badges"]
        ],
    }
