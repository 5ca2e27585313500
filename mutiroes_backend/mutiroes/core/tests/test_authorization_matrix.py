"""Authorization matrix: every API route of the URLconf × {anonymous, another user, participant,
organizer, staff} × every method the view implements.

- A role that may not do something gets 401/403/404, with a body that would otherwise be valid
  (so the refusal is the permission, not the validation), and the database is unchanged: a
  checksum of every table's rows before and after.
- Every response (allowed reads included) is scanned for secrets the caller may not see:
  emergency contact, notes, email, birth date, participation and check-in codes, calendar
  token, a draft's title, a hidden comment. Lists never carry a draft or an unlisted mutirão.
- The routes come from the resolver: a new route without an entry in POLICY fails the test,
  so it is covered as soon as it exists.
"""

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mutiroes.alerts import services as alerts
from mutiroes.collectives import services as collectives
from mutiroes.collectives.models import Membership
from mutiroes.community import services as community
from mutiroes.community.models import Comment
from mutiroes.custody import services as custody
from mutiroes.events import services as events
from mutiroes.events.models import Event, Participation
from mutiroes.events.services import series as series_services
from mutiroes.impact.models import Certificate
from mutiroes.litter import services as litter
from mutiroes.notifications.models import Notification

ROLES = ("anonymous", "other", "participant", "organizer", "staff")
ANY = set(ROLES)
USER = ANY - {"anonymous"}
MANAGE = {"organizer", "staff"}
METHODS = ("get", "post", "put", "patch", "delete")

# Who may do what (API.md). `None`: the view does not implement the method.
# "user" routes act on the caller's own data, so every signed-in role may call them.
POLICY: dict[str, dict[str, set[str]]] = {
    "health": {"get": ANY},
    "health-ready": {"get": ANY},
    "schema": {"get": ANY},
    "docs": {"get": ANY},
    "auth-register": {"post": ANY},
    "auth-token": {"post": ANY},
    "auth-token-refresh": {"post": ANY},
    "auth-logout": {"post": USER},
    "auth-password-change": {"post": USER},
    "auth-password-reset": {"post": ANY},
    "auth-password-reset-confirm": {"post": ANY},
    "me": {"get": USER, "patch": USER, "delete": USER},
    "me-export": {"get": USER},
    "me-events": {"get": USER},
    "me-stats": {"get": USER},
    "me-calendar": {"get": ANY},  # by personal token; without it: 404
    "me-calendar-token": {"get": USER, "post": USER},
    "me-certificate": {"get": USER},
    "me-avatar": {"put": USER, "delete": USER},
    "user-profile": {"get": ANY},  # 404 for a private profile
    "notification-list": {"get": USER},
    "notification-preferences": {"get": USER, "patch": USER},
    "notification-read-all": {"post": USER},
    "notification-read": {"post": {"participant"}},  # the participant's own notification
    "alert-area-list": {"get": USER, "post": USER},
    "alert-area-detail": {"patch": {"participant"}, "delete": {"participant"}},  # the participant's own area
    "alert-settings": {"get": USER, "put": USER},
    "category-list": {"get": ANY},
    "event-list": {"get": ANY, "post": USER},
    "event-detail": {"get": ANY, "patch": MANAGE, "delete": MANAGE},
    "event-cover": {"put": MANAGE, "delete": MANAGE},
    "event-publish": {"post": MANAGE},
    "event-cancel": {"post": MANAGE},
    "event-check-in-code": {"post": MANAGE},
    "event-join": {"post": USER},
    "event-leave": {"post": USER},  # about the caller's own sign-up: 409 without one
    "event-self-check-in": {"post": USER},
    "event-calendar": {"get": ANY},
    "event-share": {"get": ANY},
    "event-og-image": {"get": ANY},
    "event-poster": {"get": ANY},
    "participant-list": {"get": MANAGE},
    "participant-csv": {"get": MANAGE},
    "participant-check-in-by-code": {"post": MANAGE},
    "participant-approve": {"post": MANAGE},
    "participant-reject": {"post": MANAGE},
    "participant-restore": {"post": MANAGE},
    "participant-no-show": {"post": MANAGE},
    "event-messages": {"post": MANAGE},
    "participant-check-in": {"post": MANAGE},
    "participant-check-out": {"post": MANAGE},
    "event-report": {"get": ANY, "put": MANAGE},
    "event-attendance": {"post": MANAGE},
    "roll-call": {"get": MANAGE},
    "roll-call-all-back": {"post": MANAGE},
    "roll-call-missing": {"post": MANAGE},
    "roll-call-found": {"post": MANAGE},
    "stats": {"get": ANY},
    "material-list": {"get": ANY},
    "certificate-verify": {"get": ANY},
    "resource-list": {"get": ANY, "post": MANAGE},
    "resource-detail": {"patch": MANAGE, "delete": MANAGE},
    "resource-pledge": {"post": {"participant", "organizer"}},
    "comment-list": {"get": ANY, "post": USER},
    "comment-detail": {"patch": {"participant"}, "delete": {"participant", "organizer", "staff"}},
    "comment-hide": {"post": {"staff"}},
    "photo-list": {"get": ANY, "post": {"participant", "organizer", "staff"}},
    "photo-detail": {"delete": {"participant", "organizer", "staff"}},
    "photo-hide": {"post": {"staff"}},
    "co-organizer-list": {"get": MANAGE, "post": MANAGE},
    "co-organizer-detail": {"delete": MANAGE},
    "event-series-create": {"post": MANAGE},
    "series-detail": {"get": ANY},
    "series-join-all": {"post": USER, "delete": USER},  # about the caller's own subscription
    "series-calendar": {"get": ANY},
    # The organizer owns the collective; the participant is one of its members.
    "collective-list": {"get": ANY, "post": USER},
    "collective-detail": {"get": ANY, "patch": MANAGE},
    "collective-logo": {"put": MANAGE, "delete": MANAGE},
    "collective-share": {"get": ANY},
    "collective-og-image": {"get": ANY},
    "collective-events": {"get": ANY},
    "collective-members": {"get": ANY},
    "collective-member-detail": {"patch": MANAGE, "delete": MANAGE},
    "collective-leave": {"post": USER},  # the caller's own membership: 409 without one
    "collective-follow": {"post": USER, "delete": USER},
    "collective-invitations": {"get": MANAGE, "post": MANAGE},
    "collective-invitation-detail": {"delete": MANAGE},
    "collective-invitation-preview": {"get": ANY},  # without a valid token: 400
    "collective-invitation-accept": {"post": USER},  # the invitee's own: 400/403 for anyone else
    "litter-report-list": {"get": ANY, "post": USER},
    "litter-report-nearby": {"get": ANY},
    "litter-report-detail": {"get": ANY},
    "litter-report-confirm": {"post": USER},  # the reporter (participant) gets 409
    "litter-report-resurvey": {"post": {"participant", "organizer", "staff"}},  # reporter, cleanup organizer
    "litter-report-flag": {"post": USER},
    "event-litter-reports": {"get": ANY, "post": MANAGE},
    "event-waste": {"get": ANY},
    "waste-bag-list": {"get": MANAGE, "post": MANAGE},
    "waste-bag-detail": {"delete": MANAGE},
    "waste-handover-list": {"get": MANAGE, "post": MANAGE},
    "waste-handover-link": {"post": MANAGE},
    "waste-stats": {"get": ANY},
    "waste-receipt": {"get": ANY, "post": ANY},  # by the link's token, no account
    "certificate-waste": {"get": ANY},
}
# Routes that are not part of the product API (benchmarks, off in production).
IGNORED = {"bench-noop", "bench-noop-auth"}
# Routes about the caller's own sign-up answer 409 "not joined" to whoever has none, even on a
# draft they cannot see (nothing of the draft is revealed, nothing changes).
OWN_SIGN_UP = {"event-leave", "event-self-check-in"}
LISTS = {
    "event-list",
    "me-events",
    "notification-list",
    "comment-list",
    "photo-list",
    "resource-list",
    "collective-list",
    "collective-events",
    "collective-members",
    "alert-area-list",
    "litter-report-list",
    "event-litter-reports",
}


def api_routes() -> Iterator[tuple[str, str, type]]:
    def walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p

    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith("api/") and pattern.name not in IGNORED:
            yield route, pattern.name, pattern.callback.cls  # type: ignore[attr-defined]


ROUTES = sorted({(name, route) for route, name, _ in api_routes()})


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def world(make_user, make_event, organizer, staff):
    participant = make_user(email="participante.secreta@exemplo.com.br", birth_date=date(1911, 11, 11))
    other = make_user(email="outra.pessoa@exemplo.com.br")
    event = make_event(title="Mutirão público")
    draft = make_event(title="RASCUNHO-SECRETO-9931", status=Event.Status.DRAFT)
    unlisted = make_event(title="NAO-LISTADO-5520", visibility=Event.Visibility.UNLISTED)
    participation = events.participation_join(
        event_id=event.id, user=participant, emergency_contact="EMERG-PART-4417", notes="NOTAS-PART-4417"
    )
    events.participation_join(event_id=event.id, user=other, emergency_contact="EMERG-OUTRA-5151")
    events.participation_leave(event_id=event.id, user=other)
    resource = community.resource_create(
        event_id=event.id, user=organizer, data={"name": "Luvas", "quantity_needed": 10}
    )
    comment = community.comment_create(event_id=event.id, user=participant, body="Vou levar sacos.")
    hidden = community.comment_create(event_id=event.id, user=participant, body="COMENTARIO-OCULTO-7781")
    community.comment_moderate(event_id=event.id, comment_id=hidden.id, user=staff, hidden=True)
    photo = community.photo_create(
        event_id=event.id, user=participant, upload=io.BytesIO(_jpeg()), size=len(_jpeg()), stage="before"
    )
    certificate = Certificate.objects.create(
        user=participant,
        holder_name="Participante",
        hours=Decimal("3"),
        events_count=1,
        first_event_on=timezone.localdate() - timedelta(days=30),
        last_event_on=timezone.localdate() - timedelta(days=30),
    )
    collective = collectives.collective_create(
        user=organizer, data={"name": "Coletivo Praia Limpa", "city": "Recife", "state": "PE"}
    )
    Membership.objects.create(collective=collective, user=participant, role="member")
    invitation = collectives.invitation_create(
        slug=collective.slug, user=organizer, email="convidada.secreta@exemplo.com.br", role="organizer"
    )
    monthly = make_event(title="Mutirão mensal", collective=collective)
    series = series_services.series_create(event_id=monthly.id, user=organizer, frequency="monthly", count=3)
    report = litter.report_create(
        user=participant,
        data={"latitude": -8.05, "longitude": -34.9, "city": "Recife", "state": "PE", "size": "bag", "materials": []},
        uploads=[litter.Upload(file=io.BytesIO(_jpeg()), size=len(_jpeg()))],
    )
    hidden_report = litter.report_create(
        user=other,
        data={"latitude": -8.06, "longitude": -34.91, "city": "Recife", "state": "PE", "size": "car", "materials": []},
        uploads=[litter.Upload(file=io.BytesIO(_jpeg()), size=len(_jpeg()))],
    )
    hidden_report.notes = "PONTO-OCULTO-3391"
    hidden_report.save()
    litter.reports_hide(report_ids=[hidden_report.id], hidden=True)
    running = make_event(title="Em andamento", start=timezone.now() - timedelta(hours=1))
    bags = custody.bags_register(event_id=running.id, user=organizer, material="plastic", weights_kg=[Decimal("3")])
    spare = custody.bags_register(event_id=running.id, user=organizer, material="glass", weights_kg=[Decimal("2")])
    issued = custody.handover_create(
        event_id=running.id,
        user=organizer,
        data={
            "bag_ids": [bags[0].id],
            "receiver_kind": "cooperative",
            "receiver_name": "Coop",
            "destination": "recycling",
        },
    )
    notification = Notification.objects.filter(user=participant).first()
    area = alerts.alert_area_create(
        user=participant, data={"kind": "radius", "latitude": -22.97, "longitude": -43.18, "radius_km": 5}
    )
    assert notification is not None and Comment.objects.filter(is_hidden=True).count() == 1
    people = {"other": other, "participant": participant, "organizer": organizer, "staff": staff}
    # secret -> the roles that may see it
    secrets = {
        "EMERG-PART-4417": {"participant", "organizer", "staff"},
        "NOTAS-PART-4417": {"participant", "organizer", "staff"},
        participation.code: {"participant", "organizer", "staff"},
        "EMERG-OUTRA-5151": {"other", "organizer", "staff"},
        "1911-11-11": {"participant"},
        participant.calendar_token: {"participant"},
        event.checkin_code: {"organizer", "staff"},
        "RASCUNHO-SECRETO-9931": {"organizer", "staff"},
        "COMENTARIO-OCULTO-7781": {"staff"},
        "convidada.secreta@exemplo.com.br": {"organizer", "staff"},
        collective_invitation_token(invitation): set(),
        "PONTO-OCULTO-3391": {"other", "staff"},  # hidden by moderation; its reporter still gets it in their export
        issued.token: set(),  # shown once, in the answer that created it
        issued.handover.link_nonce: set(),
        **{person.email: {role} for role, person in people.items()},
    }
    params = {
        "event_id": event.id,
        "participation_id": participation.id,
        "resource_id": resource.id,
        "comment_id": comment.id,
        "photo_id": photo.id,
        "notification_id": notification.id,
        "area_id": area.id,
        "user_id": participant.id,
        "code": certificate.code,
        "slug": collective.slug,
        "invitation_id": invitation.id,
        "series_id": series.id,
        "report_id": report.id,
        "bag_id": spare[0].id,
        "handover_id": issued.handover.id,
    }
    return {
        "tokens": {role: str(RefreshToken.for_user(person).access_token) for role, person in people.items()},
        "people": people,
        "secrets": secrets,
        "params": params,
        "event": event,
        "draft": draft,
        "unlisted": unlisted,
        "participation": participation,
        "invitation": invitation,
    }


def db_checksum() -> dict[str, str]:
    """md5 of every table's rows, in a stable order."""
    tables = [t for t in connection.introspection.table_names() if not t.startswith("django_migrations")]
    select = "SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \"{t}\" x"
    union = " UNION ALL ".join(select.format(t=t) for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(union)
        return dict(cursor.fetchall())


def collective_invitation_token(invitation) -> str:
    return collectives.invitation_token(invitation)


def body_for(name: str, world: dict) -> tuple[object, str]:
    """A body that would be valid for an allowed caller (so a refusal is about permission)."""
    event, participation = world["event"], world["participation"]
    start = timezone.now() + timedelta(days=10)
    bodies: dict[str, object] = {
        "auth-logout": {"refresh": "x"},
        "auth-password-change": {"old_password": "uma-senha-bem-forte-42", "new_password": "outra-senha-forte-77"},
        "me": {"bio": "alterada", "password": "uma-senha-bem-forte-42"},
        "notification-preferences": {"preferences": [{"kind": "confirmed", "email": False}]},
        "alert-area-list": {"kind": "city", "city": "Recife", "state": "PE"},
        "alert-area-detail": {"radius_km": 20},
        "alert-settings": {"email_frequency": "daily"},
        "event-list": {
            "title": "Novo",
            "description": "d",
            "category": event.category_id,
            "address": "Rua 1",
            "city": "Recife",
            "state": "PE",
            "latitude": -8.05,
            "longitude": -34.9,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=2)).isoformat(),
            "capacity": 5,
        },
        "event-detail": {"title": "Invadido", "capacity": 500},
        "event-cancel": {"reason": "invadido"},
        "event-join": {"emergency_contact": "x"},
        "event-self-check-in": {"code": event.checkin_code},
        "participant-check-in-by-code": {"code": participation.code},
        "participant-check-out": {"hours": "2.00"},
        "participant-reject": {"reason": "invadido"},
        "participant-no-show": {"no_show": True},
        "event-messages": {"title": "Invadido", "body": "spam"},
        "event-attendance": {
            "key": "6f1c2a9e-8d4b-4f7a-9c1e-2b3d4e5f6a7b",
            "action": "check-in",
            "participation_id": participation.id,
            "occurred_at": timezone.now().isoformat(),
        },
        "roll-call-missing": {"participation_id": participation.id},
        "roll-call-found": {"participation_id": participation.id},
        "event-report": {"materials_kg": {"plastic": "10.00"}, "bags": 3},
        "resource-list": {"name": "Rastelos", "quantity_needed": 3},
        "resource-detail": {"name": "Invadido", "quantity_needed": 1},
        "resource-pledge": {"quantity": 2},
        "comment-list": {"body": "Olá"},
        "comment-detail": {"body": "Invadido"},
        "comment-hide": {"hidden": False},
        "photo-hide": {"hidden": True},
        "co-organizer-list": {"email": world["people"]["other"].email},
        "event-series-create": {"frequency": "weekly", "count": 3},
        "collective-list": {"name": "Outro coletivo", "city": "Natal", "state": "RN"},
        "collective-detail": {"description": "Invadido"},
        "collective-member-detail": {"role": "organizer"},
        "collective-invitations": {"email": "nova@exemplo.com.br", "role": "member"},
        "collective-invitation-accept": {"token": collective_invitation_token(world["invitation"])},
        "litter-report-flag": {"reason": "falso"},
        "event-litter-reports": {"report_ids": [world["params"]["report_id"]]},
        "waste-bag-list": {"material": "metal", "weights_kg": ["1.50"]},
        "waste-handover-list": {
            "bag_ids": [world["params"]["bag_id"]],
            "receiver_kind": "recycler",
            "receiver_name": "Invasor",
            "destination": "landfill",
        },
    }
    litter_multipart = {
        "litter-report-list": {
            "latitude": "-8.2",
            "longitude": "-35.1",
            "city": "Recife",
            "state": "PE",
            "size": "bag",
            "materials": "plastic",
        },
        "litter-report-confirm": {},
        "litter-report-resurvey": {"still_clean": "true"},
    }
    if name in litter_multipart:
        return {**litter_multipart[name], "images": io.BytesIO(_jpeg())}, "multipart"
    if name in ("photo-list", "event-cover", "me-avatar", "collective-logo"):
        return {"image": io.BytesIO(_jpeg()), "stage": "during"} if name == "photo-list" else {
            "image": io.BytesIO(_jpeg())
        }, "multipart"
    return bodies.get(name, {}), "json"


def client_for(world: dict, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world['tokens'][role]}")
    return client


def request(world: dict, role: str, method: str, name: str, url: str):
    body, fmt = body_for(name, world)
    client = client_for(world, role)
    if method == "get":
        return client.get(url)
    if fmt == "multipart":
        body["images" if "images" in body else "image"].name = "foto.jpg"  # type: ignore[index,operator]
        return client.generic(method.upper(), url, **_multipart(client, body))
    return getattr(client, method)(url, body, format="json")


def _multipart(client: APIClient, body: object) -> dict:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, body), "content_type": MULTIPART_CONTENT}


def leaked(world: dict, role: str, content: bytes) -> list[str]:
    text = content.decode("utf-8", errors="replace")
    try:  # JSON escapes (é -> \u00e9) would hide a secret from a plain search
        text += json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        pass
    return [secret for secret, allowed in world["secrets"].items() if role not in allowed and secret in text]


def test_every_route_has_a_policy():
    names = {name for name, _ in ROUTES}
    assert not names - set(POLICY), f"new routes without an authorization policy: {sorted(names - set(POLICY))}"
    assert not set(POLICY) - names, f"policy for routes that no longer exist: {sorted(set(POLICY) - names)}"
    for _, name, cls in api_routes():
        implemented = {m for m in METHODS if hasattr(cls, m)}
        assert implemented == set(POLICY[name]), (name, implemented, set(POLICY[name]))


# Every route on a published mutirão; the routes about one mutirão once more on a draft.
CASES = [(name, route, "published") for name, route in ROUTES] + [
    (name, route, "draft") for name, route in ROUTES if "<int:event_id>" in route
]


@pytest.mark.parametrize(("name", "route", "variant"), CASES, ids=[f"{n}-{v}" for n, _, v in CASES])
def test_authorization_matrix(world, name, route, variant):
    params = dict(world["params"])
    policy = POLICY[name]
    if variant == "draft":
        # A draft is the organizer's (and staff's) alone: nobody else may even see it.
        params["event_id"] = world["draft"].id
        policy = {m: roles & MANAGE for m, roles in policy.items()}
    url = "/" + route
    for key, value in params.items():
        for converter in ("int", "str", "slug"):
            url = url.replace(f"<{converter}:{key}>", str(value))
    assert "<" not in url, f"no value for a parameter of {route}"
    failures = []
    for method in policy:
        for role in ROLES:
            allowed = role in policy[method]
            if allowed and method != "get":
                continue  # allowed writes are the feature tests' business
            before = db_checksum()
            response = request(world, role, method, name, url)
            after = db_checksum()
            status = response.status_code
            where = f"{method.upper()} {url} as {role}"
            if status >= 500:
                failures.append(f"{where}: {status}")
            refusals = (401, 403, 404, 409) if name in OWN_SIGN_UP else (401, 403, 404)
            if not allowed and status not in refusals:
                failures.append(f"{where}: {status} (expected 401/403/404) {response.content[:200]!r}")
            if role == "anonymous" and not allowed and status == 403:
                failures.append(f"{where}: 403 for anonymous (expected 401 or 404)")
            if (not allowed or status >= 400) and before != after:
                changed = sorted(t for t in before if before[t] != after.get(t))
                failures.append(f"{where}: {status} but the database changed: {changed}")
            if leaks := leaked(world, role, response.content):
                failures.append(f"{where}: leaks {leaks}")
            if name in LISTS and status == 200:
                text = response.content.decode()
                for title in ("NAO-LISTADO-5520", "RASCUNHO-SECRETO-9931"):
                    if title in text and name != "me-events":
                        failures.append(f"{where}: the list shows {title}")
    assert not failures, "\n".join(failures)


def test_unlisted_is_visible_by_link_but_never_listed(world, api):
    unlisted = world["unlisted"]
    assert api.get(f"/api/events/{unlisted.id}/").status_code == 404
    assert api.get(f"/api/events/{unlisted.id}/?share={unlisted.share_token}").status_code == 200
    for query in ("", "?q=NAO-LISTADO", "?city=Rio%20de%20Janeiro", "?near=-22.97,-43.18&radius_km=50"):
        assert "NAO-LISTADO-5520" not in api.get(f"/api/events/{query}").content.decode()


def test_another_persons_rows_are_never_listed(world):
    participant, other = world["people"]["participant"], world["people"]["other"]
    mine = client_for(world, "other").get("/api/notifications/?page_size=100").json()["results"]
    assert mine and all(n["id"] not in set(participant.notifications.values_list("id", flat=True)) for n in mine)
    events_of_other = client_for(world, "other").get("/api/users/me/events/").json()
    assert {e["id"] for e in events_of_other["participating"]} <= {world["event"].id}
    export = client_for(world, "other").get("/api/users/me/export/").content.decode()
    assert participant.email not in export and "EMERG-PART-4417" not in export
    assert Participation.objects.filter(user=other).count() == 1
