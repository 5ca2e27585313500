"""Collectives: roles, the last owner, invitations (expiry, reuse, the wrong account), the
collective's organizers managing its mutirões, the public page and its lists' query counts."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from mutiroes.collectives import selectors, services
from mutiroes.collectives.models import Collective, Invitation, Membership
from mutiroes.custody import services as custody
from mutiroes.custody.tests.helpers import hand_over
from mutiroes.events import services as events
from mutiroes.events.models import Event, Participation
from mutiroes.impact.models import CO2eFactorSet, ImpactReport
from mutiroes.sharing.cards import card_key

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Coletivo Praia Limpa",
    "description": "Limpamos a orla todo mês.",
    "city": "Recife",
    "state": "PE",
    "website": "https://praialimpa.org.br",
    "instagram": "@praialimpa",
    "whatsapp_group": "https://chat.whatsapp.com/AbCdEfGhIjKlMn",
}


@pytest.fixture
def collective(organizer):
    return services.collective_create(user=organizer, data=dict(BODY))


def _token_from_mail() -> str:
    match = re.search(r"token=(\S+)", mail.outbox[-1].body)
    assert match
    return match.group(1)


def test_create_makes_the_creator_its_owner(client_for, organizer):
    response = client_for(organizer).post("/api/collectives/", BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "coletivo-praia-limpa"
    assert body["my_role"] == "owner" and body["can_edit"] and body["can_manage_members"]
    assert body["instagram"] == "praialimpa"
    assert body["impact"]["events_completed"] == 0 and body["impact"]["kg_by_material"]["plastic"] == "0.00"
    assert list(Membership.objects.values_list("user_id", "role")) == [(organizer.id, "owner")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("whatsapp_group", "https://evil.example.com/chat"),
        ("whatsapp_group", "https://chat.whatsapp.com/"),
        ("instagram", "nome com espaço"),
        ("website", "javascript:alert(1)"),
        ("state", "XX"),
    ],
)
def test_bad_contact_links_are_refused_and_nothing_is_created(client_for, organizer, field, value):
    response = client_for(organizer).post("/api/collectives/", {**BODY, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Collective.objects.exists() and not Membership.objects.exists()


def test_a_second_collective_with_the_same_name_any_case_is_a_conflict(client_for, organizer, collective):
    response = client_for(organizer).post("/api/collectives/", {**BODY, "name": "coletivo PRAIA limpa"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "name_taken"
    assert Collective.objects.count() == 1


def test_roles_who_edits_and_who_manages_members(client_for, collective, make_user):
    organizer_member, member = make_user(), make_user()
    Membership.objects.create(collective=collective, user=organizer_member, role="organizer")
    Membership.objects.create(collective=collective, user=member, role="member")
    url = f"/api/collectives/{collective.slug}/"
    assert client_for(member).patch(url, {"description": "x"}, format="json").status_code == 403
    response = client_for(organizer_member).patch(url, {"description": "Nova descrição"}, format="json")
    assert response.status_code == 200 and response.json()["description"] == "Nova descrição"
    assert response.json()["can_manage_members"] is False
    # Only owners change roles; a member chooses to be shown, nobody else for them.
    role_url = f"/api/collectives/{collective.slug}/members/{member.id}/"
    assert client_for(organizer_member).patch(role_url, {"role": "organizer"}, format="json").status_code == 403
    assert client_for(organizer_member).patch(role_url, {"is_public": True}, format="json").status_code == 403
    assert client_for(member).patch(role_url, {"is_public": True}, format="json").json()["is_public"] is True
    assert Membership.objects.get(user=member).role == "member"


def test_the_last_owner_can_neither_leave_nor_be_demoted(client_for, organizer, collective, make_user):
    client = client_for(organizer)
    response = client.post(f"/api/collectives/{collective.slug}/leave/")
    assert response.status_code == 409 and response.json()["code"] == "last_owner"
    response = client.patch(
        f"/api/collectives/{collective.slug}/members/{organizer.id}/", {"role": "member"}, format="json"
    )
    assert response.status_code == 409
    assert Membership.objects.get(user=organizer).role == "owner"
    second = make_user()
    Membership.objects.create(collective=collective, user=second, role="member")
    assert (
        client.patch(
            f"/api/collectives/{collective.slug}/members/{second.id}/", {"role": "owner"}, format="json"
        ).status_code
        == 200
    )
    assert client.post(f"/api/collectives/{collective.slug}/leave/").status_code == 204
    assert list(Membership.objects.values_list("user_id", "role")) == [(second.id, "owner")]


def test_leaving_without_membership_is_a_conflict(client_for, user, collective):
    response = client_for(user).post(f"/api/collectives/{collective.slug}/leave/")
    assert response.status_code == 409 and response.json()["code"] == "not_member"


# ---------------------------------------------------------------- invitations
def test_invitation_by_email_accepted_once(
    client_for, organizer, collective, make_user, django_capture_on_commit_callbacks
):
    invitee = make_user(email="Convidada@Exemplo.com.br")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).post(
            f"/api/collectives/{collective.slug}/invitations/",
            {"email": "convidada@exemplo.com.br", "role": "organizer"},
            format="json",
        )
    assert response.status_code == 201 and response.json()["email_status"] == "pending"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["convidada@exemplo.com.br"]
    assert "Coletivo Praia Limpa" in mail.outbox[0].subject
    assert Invitation.objects.get().email_status == "sent"
    token = _token_from_mail()
    preview = client_for(None).get(f"/api/collectives/invitations/preview/?token={token}")
    assert preview.status_code == 200 and preview.json()["collective"]["slug"] == collective.slug
    response = client_for(invitee).post("/api/collectives/invitations/accept/", {"token": token}, format="json")
    assert response.status_code == 200 and response.json() == {"collective": collective.slug, "role": "organizer"}
    assert Membership.objects.get(user=invitee).role == "organizer"
    # Single use.
    again = client_for(invitee).post("/api/collectives/invitations/accept/", {"token": token}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "invitation_used"
    assert Membership.objects.filter(user=invitee).count() == 1


def test_an_expired_invitation_is_refused(client_for, organizer, collective, make_user):
    invitee = make_user(email="tarde@exemplo.com.br")
    invitation = services.invitation_create(slug=collective.slug, user=organizer, email=invitee.email, role="member")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client_for(invitee).post(
        "/api/collectives/invitations/accept/", {"token": services.invitation_token(invitation)}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "invitation_expired"
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_old_signature_is_refused_even_if_the_row_says_otherwise(
    client_for, organizer, collective, make_user, settings
):
    invitee = make_user(email="tarde2@exemplo.com.br")
    invitation = services.invitation_create(slug=collective.slug, user=organizer, email=invitee.email, role="member")
    token = services.invitation_token(invitation)
    settings.COLLECTIVES = {"INVITATION_DAYS": 0}  # the signature's max age is now 0 days
    response = client_for(invitee).post("/api/collectives/invitations/accept/", {"token": token}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invitation_expired"
    assert not Membership.objects.filter(user=invitee).exists()


@pytest.mark.parametrize("tamper", ["x", "swap"])
def test_a_tampered_token_is_refused(client_for, organizer, collective, make_user, tamper):
    invitee = make_user(email="alvo@exemplo.com.br")
    invitation = services.invitation_create(slug=collective.slug, user=organizer, email=invitee.email, role="owner")
    token = services.invitation_token(invitation)
    token = token[:-2] + ("xx" if token[-2:] != "xx" else "yy") if tamper == "x" else token.replace(":", ".", 1)
    response = client_for(invitee).post("/api/collectives/invitations/accept/", {"token": token}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_invitation"
    assert not Membership.objects.filter(user=invitee).exists()


def test_another_account_cannot_use_the_link(client_for, organizer, collective, make_user):
    make_user(email="certa@exemplo.com.br")
    intruder = make_user(email="intrusa@exemplo.com.br")
    invitation = services.invitation_create(
        slug=collective.slug, user=organizer, email="certa@exemplo.com.br", role="owner"
    )
    response = client_for(intruder).post(
        "/api/collectives/invitations/accept/", {"token": services.invitation_token(invitation)}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "invitation_other_email"
    assert not Membership.objects.filter(user=intruder).exists()
    assert Invitation.objects.get().accepted_at is None


def test_inviting_again_replaces_the_link_and_revoking_ends_it(client_for, organizer, collective, make_user):
    invitee = make_user(email="dupla@exemplo.com.br")
    first = services.invitation_create(slug=collective.slug, user=organizer, email=invitee.email, role="member")
    second = services.invitation_create(
        slug=collective.slug, user=organizer, email="DUPLA@exemplo.com.br", role="member"
    )
    client = client_for(invitee)
    old = client.post(
        "/api/collectives/invitations/accept/", {"token": services.invitation_token(first)}, format="json"
    )
    assert old.status_code == 400 and old.json()["code"] == "invalid_invitation"
    assert (
        client_for(organizer).delete(f"/api/collectives/{collective.slug}/invitations/{second.id}/").status_code == 204
    )
    revoked = client.post(
        "/api/collectives/invitations/accept/", {"token": services.invitation_token(second)}, format="json"
    )
    assert revoked.status_code == 400
    assert not Membership.objects.filter(user=invitee).exists()


def test_only_owners_invite_owners_and_members_are_not_invited_twice(client_for, organizer, collective, make_user):
    organizer_member = make_user()
    Membership.objects.create(collective=collective, user=organizer_member, role="organizer")
    url = f"/api/collectives/{collective.slug}/invitations/"
    response = client_for(organizer_member).post(url, {"email": "x@exemplo.com.br", "role": "owner"}, format="json")
    assert response.status_code == 403
    response = client_for(organizer).post(url, {"email": organizer_member.email.upper()}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "already_member"
    assert not Invitation.objects.exists()


# ---------------------------------------------------------------- the collective's mutirões
def test_the_collectives_organizers_manage_its_mutiroes(client_for, organizer, collective, make_user, make_event, user):
    co, member = make_user(), make_user()
    Membership.objects.create(collective=collective, user=co, role="organizer")
    Membership.objects.create(collective=collective, user=member, role="member")
    event = make_event(collective=collective, start=timezone.now() + timedelta(minutes=10))
    participation = events.participation_join(event_id=event.id, user=user)
    assert client_for(member).get(f"/api/events/{event.id}/participants/").status_code == 403
    assert client_for(co).get(f"/api/events/{event.id}/participants/").status_code == 200
    detail = client_for(co).get(f"/api/events/{event.id}/").json()
    assert detail["can_manage"] is True and detail["can_manage_team"] is False
    assert detail["collective"] == {"id": collective.id, "slug": collective.slug, "name": collective.name}
    response = client_for(co).post(f"/api/events/{event.id}/participants/{participation.id}/check-in/")
    assert response.status_code == 200 and Participation.objects.get(pk=participation.pk).checked_in_at is not None
    # Once they leave the collective, they no longer manage its mutirões.
    assert client_for(co).post(f"/api/collectives/{collective.slug}/leave/").status_code == 204
    assert client_for(co).get(f"/api/events/{event.id}/participants/").status_code == 403
    assert event.id in [e["id"] for e in client_for(organizer).get("/api/users/me/events/").json()["organized"]]


def test_a_mutirao_joins_only_a_collective_its_author_organizes(client_for, user, collective, category):
    body = {
        "title": "Mutirão",
        "description": "d",
        "category": category.id,
        "address": "Rua 1",
        "city": "Recife",
        "state": "PE",
        "latitude": -8.05,
        "longitude": -34.9,
        "start": (timezone.now() + timedelta(days=3)).isoformat(),
        "end": (timezone.now() + timedelta(days=3, hours=2)).isoformat(),
        "capacity": 5,
        "collective": collective.id,
    }
    response = client_for(user).post("/api/events/", body, format="json")
    assert response.status_code == 400 and "collective" in response.json()["errors"]
    assert not Event.objects.exists()
    Membership.objects.create(collective=collective, user=user, role="organizer")
    response = client_for(user).post("/api/events/", body, format="json")
    assert response.status_code == 201 and response.json()["collective"]["slug"] == collective.slug


# ---------------------------------------------------------------- following
def test_followers_are_told_once_when_it_publishes(
    client_for, organizer, collective, make_user, make_event, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 2}
    followers = [make_user() for _ in range(5)]
    for person in followers:
        assert client_for(person).post(f"/api/collectives/{collective.slug}/follow/").json()["is_following"] is True
    quitter = followers.pop()
    assert client_for(quitter).delete(f"/api/collectives/{collective.slug}/follow/").json()["is_following"] is False
    assert client_for(None).get(f"/api/collectives/{collective.slug}/").json()["followers_count"] == 4
    draft = make_event(collective=collective, status=Event.Status.DRAFT, title="Limpeza do Pina")
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(organizer).post(f"/api/events/{draft.id}/publish/").status_code == 200
    notified = draft.__class__.objects.get(pk=draft.pk)
    from mutiroes.notifications.models import Notification

    rows = Notification.objects.filter(kind="collective_event", event=notified)
    assert sorted(rows.values_list("user_id", flat=True)) == sorted(p.id for p in followers)
    assert all("Coletivo Praia Limpa" in n.title and "Limpeza do Pina" in n.title for n in rows)
    assert len([m for m in mail.outbox if "Limpeza do Pina" in m.subject]) == 4
    # Announcing again (a redelivered task, the sweep) writes nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.event_published(event_id=draft.id)
        services.collectives_outbox_sweep()
    assert rows.count() == 4


def test_an_unlisted_or_collective_less_mutirao_is_not_announced(make_event, collective, make_user):
    from mutiroes.collectives.models import Announcement, Follow

    Follow.objects.create(collective=collective, user=make_user())
    assert services.event_published(event_id=make_event(collective=collective, visibility="unlisted").id) is None
    assert services.event_published(event_id=make_event().id) is None
    assert not Announcement.objects.exists()


# ---------------------------------------------------------------- the public page
def test_public_page_impact_events_and_members_shown(client_for, organizer, collective, make_event, make_user, user):
    past = make_event(collective=collective, start=timezone.now() - timedelta(days=10), status=Event.Status.COMPLETED)
    make_event(collective=collective, title="Próximo")
    make_event(collective=collective, title="Rascunho", status=Event.Status.DRAFT)
    Participation.objects.create(
        event=past, user=user, status="confirmed", checked_in_at=past.start, hours=Decimal("2.5")
    )
    ImpactReport.objects.create(
        event=past,
        factor_set=CO2eFactorSet.objects.get(is_current=True),
        plastic_kg=Decimal("12.5"),
        glass_kg=Decimal("3"),
        trees_planted=4,
    )
    shown, hidden = make_user(first_name="Mostrada"), make_user(first_name="Escondida")
    Membership.objects.create(collective=collective, user=shown, role="member", is_public=True)
    Membership.objects.create(collective=collective, user=hidden, role="member")
    api = client_for(None)
    impact = api.get(f"/api/collectives/{collective.slug}/").json()["impact"]
    assert impact["events_completed"] == 1 and impact["volunteers"] == 1 and impact["volunteer_hours"] == "2.50"
    assert impact["kg_by_material"]["plastic"] == "12.50" and impact["total_kg"] == "15.50"
    assert impact["trees_planted"] == 4
    upcoming = api.get(f"/api/collectives/{collective.slug}/events/").json()["results"]
    assert [e["title"] for e in upcoming] == ["Próximo"]
    assert [e["id"] for e in api.get(f"/api/collectives/{collective.slug}/events/?when=past").json()["results"]] == [
        past.id
    ]
    names = [m["user"]["name"] for m in api.get(f"/api/collectives/{collective.slug}/members/").json()["results"]]
    assert names == ["Mostrada Silva"]
    as_member = client_for(shown).get(f"/api/collectives/{collective.slug}/members/").json()["results"]
    assert [m["role"] for m in as_member] == ["owner", "member", "member"]


def test_lists_have_a_constant_number_of_queries(api, organizer, make_user, make_event, django_assert_num_queries):
    def grow(n: int) -> Collective:
        collective = Collective.objects.first() or services.collective_create(
            user=organizer, data={"name": "Coletivo", "city": "Recife", "state": "PE"}
        )
        for i in range(n):
            services.collective_create(
                user=organizer, data={"name": f"Outro {make_user().id}", "city": "X", "state": "PE"}
            )
            Membership.objects.create(collective=collective, user=make_user(), role="member", is_public=True)
            make_event(collective=collective, title=f"M{i}")
        return collective

    collective = grow(2)
    lists = (
        ("/api/collectives/", 2),
        (f"/api/collectives/{collective.slug}/events/", 3),
        (f"/api/collectives/{collective.slug}/members/", 3),
    )
    for more in (0, 5):  # the same count with 2 or 3 rows and with 7 or 8
        grow(more)
        for url, queries in lists:
            with django_assert_num_queries(queries):
                assert api.get(url).json()["count"] >= 2 + more


def test_old_invitations_are_purged_with_their_address(organizer, collective):
    old = services.invitation_create(slug=collective.slug, user=organizer, email="antiga@exemplo.com.br", role="member")
    recent = services.invitation_create(
        slug=collective.slug, user=organizer, email="nova@exemplo.com.br", role="member"
    )
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=31))
    Invitation.objects.filter(pk=recent.pk).update(expires_at=timezone.now() - timedelta(days=29))
    assert services.collectives_outbox_sweep()["purged"] == 1
    assert list(Invitation.objects.values_list("email", flat=True)) == ["nova@exemplo.com.br"]


def test_a_slug_never_takes_a_path_of_the_web_app(organizer):
    for name in ("Novo", "Convite"):
        collective = services.collective_create(user=organizer, data={"name": name, "city": "Recife", "state": "PE"})
        assert collective.slug == f"{name.lower()}-2"


def test_share_data_and_preview_picture_of_a_collective(api, client_for, organizer, collective):
    response = api.get(f"/api/collectives/{collective.slug}/share/")
    assert response.status_code == 200
    key = card_key(selectors.collective_card(collective))
    assert response.json() == {
        "path": "/coletivos/coletivo-praia-limpa",
        "title": "Coletivo Praia Limpa",
        "description": "Recife/PE · 0 mutirão",
        "image_path": f"/api/collectives/coletivo-praia-limpa/og.png?v={key}",
        "image_width": 1200,
        "image_height": 630,
        "image_alt": "Coletivo Praia Limpa: Recife/PE · 0 mutirão",
        "poster_path": None,
        "indexable": True,
    }
    picture = api.get(response.json()["image_path"])
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(picture.content)).size == (1200, 630)
    assert picture["Cache-Control"] == "public, max-age=86400"
    old = api.get("/api/collectives/coletivo-praia-limpa/og.png?v=antiga")
    assert old.status_code == 200 and old["Cache-Control"] == "public, max-age=300"

    edited = client_for(organizer).patch(f"/api/collectives/{collective.slug}/", {"city": "Olinda"}, format="json")
    assert edited.status_code == 200
    after = api.get(f"/api/collectives/{collective.slug}/share/").json()
    assert after["description"] == "Olinda/PE · 0 mutirão"
    assert after["image_path"] != response.json()["image_path"]
    assert api.get(after["image_path"]).content != picture.content


def test_share_and_picture_of_an_unknown_collective_are_404(api):
    for path in ("/api/collectives/nao-existe/share/", "/api/collectives/nao-existe/og.png"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "Coletivo não encontrado."


def test_the_page_shows_its_waste_confirmed_apart_from_declared(api, organizer, collective, make_event):
    start = timezone.now() - timedelta(hours=2)
    held = make_event(title="Mutirão da orla", start=start, collective=collective)
    elsewhere = make_event(title="Mutirão de outro grupo", start=start)

    def hand(event, kg, destination):
        return hand_over(event=event, user=organizer, material="plastic", kg=kg, destination=destination)

    recycled = hand(held, "30", "recycling")
    hand(held, "20", "landfill")
    custody.receipt_confirm(token=recycled.token, received_kg=Decimal("28"))
    hand(elsewhere, "99", "recycling")
    url = f"/api/collectives/{collective.slug}/"
    # Counted like the public dashboard: completed public mutirões only.
    assert api.get(url).json()["waste"]["declared_kg"] == "0.00"
    Event.objects.filter(pk__in=[held.pk, elsewhere.pk]).update(status=Event.Status.COMPLETED)
    waste = api.get(url).json()["waste"]
    assert (waste["registered_kg"], waste["declared_kg"], waste["confirmed_kg"]) == ("50.00", "50.00", "28.00")
    assert (waste["handovers"], waste["handovers_confirmed"]) == (2, 1)
    assert {d["destination"]: (d["declared_kg"], d["confirmed_kg"]) for d in waste["by_destination"]} == {
        "recycling": ("30.00", "28.00"),
        "composting": ("0.00", "0.00"),
        "landfill": ("20.00", "0.00"),
        "hazardous": ("0.00", "0.00"),
    }
    assert (waste["diverted_declared_pct"], waste["diverted_confirmed_pct"]) == ("60.0", "100.0")
    Event.objects.filter(pk=held.pk).update(visibility=Event.Visibility.UNLISTED)
    assert api.get(url).json()["waste"]["declared_kg"] == "0.00"
