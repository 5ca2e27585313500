"""Collectives in the account's LGPD erasure and export: memberships, follows, "participar de
todos" subscriptions and invitations to the person's address; the last owner's erasure."""

import pytest

from conftest import PASSWORD
from mutiroes.collectives import services
from mutiroes.collectives.models import Collective, Follow, Invitation, Membership
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import SeriesSubscription
from mutiroes.events.services import series
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db

LAST_OWNER = "Você é a única pessoa dona do coletivo Praia Limpa: torne outro membro dono antes de excluir sua conta."


def _collective(owner: User, name: str = "Praia Limpa") -> Collective:
    return services.collective_create(user=owner, data={"name": name, "city": "Recife", "state": "PE"})


@pytest.fixture
def world(organizer, user, make_event):
    """`user` is a member of one collective, follows it, joins all of its series, is invited to
    another, and owns a third alone; an invitation to someone else stays."""
    mine = _collective(organizer)
    Membership.objects.create(collective=mine, user=user, role="member", is_public=True)
    Follow.objects.create(collective=mine, user=user)
    weekly = series.series_create(event_id=make_event(collective=mine).id, user=organizer, frequency="weekly", count=3)
    SeriesSubscription.objects.create(series=weekly, user=user)
    other = _collective(organizer, "Rio Vivo")
    services.invitation_create(slug=other.slug, user=organizer, email=user.email.upper(), role="organizer")
    services.invitation_create(slug=other.slug, user=organizer, email="outra@exemplo.com.br", role="member")
    alone = _collective(user, "Só Eu")
    return {"mine": mine, "other": other, "alone": alone, "series": weekly}


def test_the_export_lists_the_persons_collectives_data(client_for, user, world):
    body = client_for(user).get("/api/users/me/export/").json()
    memberships = body["collective_memberships"]
    assert [(m["collective"], m["role"], m["is_public"]) for m in memberships] == [
        ("praia-limpa", "member", True),
        ("so-eu", "owner", False),
    ]
    assert [(f["collective"], f["name"]) for f in body["collective_follows"]] == [("praia-limpa", "Praia Limpa")]
    assert [(s["series"], s["collective"], s["frequency"]) for s in body["series_subscriptions"]] == [
        (world["series"].id, "praia-limpa", "weekly")
    ]
    invitations = body["collective_invitations"]
    assert [(i["collective"], i["role"], i["accepted_at"]) for i in invitations] == [("rio-vivo", "organizer", None)]
    assert "outra@exemplo.com.br" not in str(body)


def test_erasure_removes_the_persons_collectives_data(client_for, user, organizer, world):
    response = client_for(user).delete("/api/users/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert not Membership.objects.filter(user=user).exists()
    assert not Follow.objects.filter(user=user).exists()
    assert not SeriesSubscription.objects.filter(user=user).exists()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["outra@exemplo.com.br"]
    # The collective they owned alone stays (its mutirões' history), with no member.
    assert Collective.objects.filter(slug="so-eu").exists()
    assert list(Membership.objects.filter(collective=world["mine"]).values_list("user_id", flat=True)) == [organizer.id]


def test_the_last_owner_of_a_collective_with_members_cannot_be_erased(client_for, organizer, user, world):
    before = {
        "memberships": set(Membership.objects.values_list("id", flat=True)),
        "follows": set(Follow.objects.values_list("id", flat=True)),
        "subscriptions": set(SeriesSubscription.objects.values_list("id", flat=True)),
        "invitations": set(Invitation.objects.values_list("id", flat=True)),
    }
    response = client_for(organizer).delete("/api/users/me/", {"password": PASSWORD}, format="json")
    assert_refused(response, 409, "last_owner", LAST_OWNER)
    fresh = User.objects.get(pk=organizer.pk)
    assert fresh.is_active and fresh.email == organizer.email and fresh.has_usable_password()
    assert before == {
        "memberships": set(Membership.objects.values_list("id", flat=True)),
        "follows": set(Follow.objects.values_list("id", flat=True)),
        "subscriptions": set(SeriesSubscription.objects.values_list("id", flat=True)),
        "invitations": set(Invitation.objects.values_list("id", flat=True)),
    }
    # With another owner, the erasure goes through.
    Membership.objects.filter(collective=world["mine"], user=user).update(role="owner")
    Membership.objects.create(collective=world["other"], user=user, role="owner")
    assert client_for(organizer).delete("/api/users/me/", {"password": PASSWORD}, format="json").status_code == 204
    assert not Membership.objects.filter(user=organizer).exists()
