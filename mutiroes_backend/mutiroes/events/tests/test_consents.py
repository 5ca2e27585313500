"""Consents at registration: the waiver, image use and a guardian's consent for minors,
asked as the event detail states, stored with the participation, shown to the organizer."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.consents import CONSENT_VERSION
from mutiroes.events.models import Participation
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db


def join(client, event, **body):
    return client.post(f"/api/events/{event.id}/join/", body, format="json")


def minor_birth_date(event) -> date:
    day = timezone.localtime(event.start).date()
    return date(day.year - 15, 1, 1)


def test_the_detail_states_what_registration_asks(api, client_for, make_user, make_event):
    event = make_event(requires_waiver=True, asks_image_consent=True)
    anonymous = api.get(f"/api/events/{event.id}/").json()["consents"]
    assert [(c["kind"], c["required"], c["version"]) for c in anonymous] == [
        ("waiver", True, CONSENT_VERSION),
        ("image_use", False, CONSENT_VERSION),
    ]
    assert anonymous[0]["text"].startswith("Participo de forma voluntária")
    minor = make_user(birth_date=minor_birth_date(event))
    asked = client_for(minor).get(f"/api/events/{event.id}/").json()["consents"]
    assert [(c["kind"], c["required"]) for c in asked] == [("waiver", True), ("image_use", False), ("guardian", True)]
    plain = make_event()
    assert api.get(f"/api/events/{plain.id}/").json()["consents"] == []


def test_refusing_the_waiver_refuses_the_sign_up_and_leaves_no_trace(client_for, user, make_event):
    event = make_event(requires_waiver=True)
    response = join(client_for(user), event, accept_waiver=False)
    message = "Aceite o termo de responsabilidade para se inscrever neste mutirão."
    assert_refused(response, 400, "waiver_required", message, accept_waiver=[message])
    event.refresh_from_db()
    assert (Participation.objects.count(), event.confirmed_count, Notification.objects.count()) == (0, 0, 0)


def test_accepted_consents_are_stored_with_when_and_the_version(client_for, organizer, user, make_event):
    event = make_event(requires_waiver=True, asks_image_consent=True)
    before = timezone.now()
    response = join(client_for(user), event, accept_waiver=True, image_consent=True)
    assert response.status_code == 201
    participation = Participation.objects.get()
    assert participation.consent_version == CONSENT_VERSION
    assert participation.waiver_accepted_at >= before
    assert participation.image_consent_at >= before
    assert (participation.guardian_consent_at, participation.guardian_name) == (None, "")
    row = client_for(organizer).get(f"/api/events/{event.id}/participants/").json()["results"][0]
    assert row["consent_version"] == CONSENT_VERSION
    assert row["waiver_accepted_at"] is not None and row["image_consent_at"] is not None


def test_image_use_may_be_refused(client_for, user, make_event):
    event = make_event(asks_image_consent=True)
    assert join(client_for(user), event, image_consent=False).status_code == 201
    participation = Participation.objects.get()
    assert (participation.image_consent_at, participation.consent_version) == (None, CONSENT_VERSION)


def test_a_minor_needs_a_named_guardian(client_for, organizer, make_user, make_event):
    event = make_event()
    minor = make_user(birth_date=minor_birth_date(event))
    client = client_for(minor)
    message = (
        "Menores de 18 anos precisam da autorização de um responsável, com o nome completo dele, para se inscrever."
    )
    assert_refused(join(client, event), 400, "guardian_consent_required", message, guardian_consent=[message])
    assert_refused(
        join(client, event, guardian_consent=True, guardian_name="  "),
        400,
        "guardian_consent_required",
        message,
        guardian_name=[message],
    )
    assert Participation.objects.count() == 0
    assert join(client, event, guardian_consent=True, guardian_name="Ana Souza").status_code == 201
    participation = Participation.objects.get()
    assert participation.guardian_name == "Ana Souza" and participation.guardian_consent_at is not None
    response = client_for(organizer).get(f"/api/events/{event.id}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-3:] == ["Uso de imagem", "Autorização do responsável", "Versão dos termos"]
    assert rows[1][-2].startswith("Ana Souza (") and rows[1][-1] == CONSENT_VERSION


def test_an_adult_is_not_asked_for_a_guardian(client_for, make_user, make_event):
    event = make_event()
    adult = make_user(birth_date=date(1990, 5, 1))
    assert join(client_for(adult), event, guardian_consent=True, guardian_name="Ninguém").status_code == 201
    participation = Participation.objects.get()
    assert (participation.guardian_consent_at, participation.guardian_name, participation.consent_version) == (
        None,
        "",
        "",
    )


def test_the_organizer_sets_what_registration_asks(client_for, organizer, event):
    response = client_for(organizer).patch(
        f"/api/events/{event.id}/", {"requires_waiver": True, "asks_image_consent": True}, format="json"
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.requires_waiver, event.asks_image_consent) == (True, True)
