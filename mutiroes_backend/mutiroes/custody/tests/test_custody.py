"""Chain of custody: bags, handovers, the receiver's signed single-use expiring link, and totals
that keep declared and confirmed apart."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.custody import services
from mutiroes.custody.models import Handover, WasteBag
from mutiroes.custody.tests.helpers import hand_over
from mutiroes.events.models import Event
from mutiroes.impact.models import Certificate

pytestmark = pytest.mark.django_db


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, "JPEG")
    return SimpleUploadedFile("ticket.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def held(make_event) -> Event:
    start = timezone.now() - timedelta(hours=2)
    return make_event(title="Mutirão da praia", start=start)


def _bags(client, event, material, *weights):
    return client.post(
        f"/api/events/{event.id}/waste/bags/", {"material": material, "weights_kg": list(weights)}, format="json"
    )


def _handover(client, event, bag_ids, destination="recycling", kind="cooperative"):
    body = {"bag_ids": bag_ids, "receiver_kind": kind, "receiver_name": "Coopera Rio", "destination": destination}
    return client.post(f"/api/events/{event.id}/waste/handovers/", body, format="json")


def test_the_organizer_registers_bags_with_labels(client_for, organizer, held):
    response = _bags(client_for(organizer), held, "plastic", "4.50", "3.25")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(b["material"], b["weight_kg"], b["handover"]) for b in body] == [
        ("plastic", "4.50", None),
        ("plastic", "3.25", None),
    ]
    assert len({b["label"] for b in body}) == 2 and all(len(b["label"]) == 8 for b in body)
    listed = client_for(organizer).get(f"/api/events/{held.id}/waste/bags/").json()
    assert [b["id"] for b in listed["results"]] == [b["id"] for b in body]


def test_bags_are_refused_before_the_mutirao_and_for_others(client_for, organizer, user, make_event, held):
    upcoming = make_event()
    response = _bags(client_for(organizer), upcoming, "plastic", "1")
    assert_refused(response, 409, "event_not_started", "Os sacos são registrados depois que o mutirão começa.")
    response = _bags(client_for(user), held, "plastic", "1")
    assert response.status_code == 403
    assert _bags(client_for(organizer), held, "plastic", "0").status_code == 400
    assert _bags(client_for(organizer), held, "uranium", "1").status_code == 400
    assert not WasteBag.objects.exists()


def test_a_handover_takes_free_bags_of_the_mutirao_once(client_for, organizer, held, make_event):
    bags = services.bags_register(
        event_id=held.id, user=organizer, material="glass", weights_kg=[Decimal("2"), Decimal("3")]
    )
    other = make_event(start=timezone.now() - timedelta(hours=1))
    foreign = services.bags_register(event_id=other.id, user=organizer, material="glass", weights_kg=[Decimal("9")])
    response = _handover(client_for(organizer), held, [bags[0].id, foreign[0].id])
    assert response.status_code == 400 and response.json()["code"] == "unknown_bag"
    response = _handover(client_for(organizer), held, [bags[0].id, bags[1].id])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["handover"]["declared_kg"] == "5.00" and body["handover"]["bags_count"] == 2
    assert body["handover"]["confirmed_at"] is None and body["token"]
    again = _handover(client_for(organizer), held, [bags[0].id])
    assert_refused(again, 409, "bag_handed_over", "Alguns destes sacos já foram entregues.")
    delete = client_for(organizer).delete(f"/api/events/{held.id}/waste/bags/{bags[0].id}/")
    assert_refused(delete, 409, "bag_handed_over", "Este saco já foi entregue.")
    assert Handover.objects.count() == 1 and WasteBag.objects.filter(handover__isnull=False).count() == 2


@pytest.fixture
def issued(organizer, held):
    bags = services.bags_register(event_id=held.id, user=organizer, material="plastic", weights_kg=[Decimal("10")])
    return services.handover_create(
        event_id=held.id,
        user=organizer,
        data={
            "bag_ids": [bags[0].id],
            "receiver_kind": "cooperative",
            "receiver_name": "Coop",
            "destination": "recycling",
        },
    )


def test_the_receiver_confirms_once_without_an_account(api, issued):
    shown = api.get(f"/api/waste/receipt/?token={issued.token}")
    assert shown.status_code == 200, shown.json()
    body = shown.json()
    assert (body["event_title"], body["receiver_name"], body["destination"], body["declared_kg"]) == (
        "Mutirão da praia",
        "Coop",
        "recycling",
        "10.00",
    )
    assert body["confirmed_at"] is None and [b["weight_kg"] for b in body["bags"]] == ["10.00"]
    response = api.post(
        "/api/waste/receipt/", {"token": issued.token, "received_kg": "9.40", "ticket": _jpeg()}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["received_kg"] == "9.40" and response.json()["confirmed_at"]
    handover = Handover.objects.get()
    assert handover.received_kg == Decimal("9.40") and handover.ticket_photo.name.startswith("custody/tickets/")
    again = api.post("/api/waste/receipt/", {"token": issued.token, "received_kg": "1"}, format="multipart")
    assert_refused(again, 409, "already_confirmed", "Esta entrega já foi confirmada.")
    assert Handover.objects.get().received_kg == Decimal("9.40")


def test_an_expired_link_is_refused(api, issued):
    Handover.objects.update(link_expires_at=timezone.now() - timedelta(seconds=1))
    response = api.post("/api/waste/receipt/", {"token": issued.token}, format="multipart")
    assert_refused(response, 409, "link_expired", "Este link expirou. Peça um novo à organização.")
    assert Handover.objects.get().confirmed_at is None


def test_a_link_older_than_its_signature_allows_is_refused(api, issued, monkeypatch):
    later = timezone.now() + services.LINK_VALID_FOR + timedelta(minutes=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = api.get(f"/api/waste/receipt/?token={issued.token}")
    assert_refused(response, 409, "link_expired", "Este link expirou. Peça um novo à organização.")


def test_forged_and_replaced_links_are_not_found(api, client_for, organizer, held, issued):
    forged = signing.dumps({"h": issued.handover.id, "n": "guess"}, salt=services.LINK_SALT, compress=True)
    for token in (forged, issued.token[:-2] + "xx", "abc"):
        assert_refused(api.get(f"/api/waste/receipt/?token={token}"), 404, "invalid_link", "Este link não é válido.")
    renewed = client_for(organizer).post(f"/api/events/{held.id}/waste/handovers/{issued.handover.id}/link/")
    assert renewed.status_code == 200, renewed.json()
    old = api.post("/api/waste/receipt/", {"token": issued.token}, format="multipart")
    assert_refused(old, 404, "invalid_link", "Este link não é válido.")
    assert api.post("/api/waste/receipt/", {"token": renewed.json()["token"]}, format="multipart").status_code == 200
    after = client_for(organizer).post(f"/api/events/{held.id}/waste/handovers/{issued.handover.id}/link/")
    assert_refused(after, 409, "already_confirmed", "O recebedor já confirmou esta entrega.")


def test_destination_totals_keep_confirmed_and_declared_apart(api, organizer, held):
    def hand(material, kg, destination):
        return hand_over(event=held, user=organizer, material=material, kg=kg, destination=destination)

    recycled = hand("plastic", "30", "recycling")
    hand("organic", "20", "composting")
    landfill = hand("other", "50", "landfill")
    services.bags_register(event_id=held.id, user=organizer, material="glass", weights_kg=[Decimal("5")])
    services.receipt_confirm(token=recycled.token, received_kg=Decimal("28"))
    services.receipt_confirm(token=landfill.token)

    body = api.get(f"/api/events/{held.id}/waste/").json()
    assert body["registered_kg"] == "105.00" and body["bags"] == 4
    assert {m["material"]: m["kg"] for m in body["by_material"]} == {
        "plastic": "30.00",
        "glass": "5.00",
        "metal": "0.00",
        "paper": "0.00",
        "organic": "20.00",
        "landfill": "0.00",
        "other": "50.00",
    }
    assert {d["destination"]: (d["declared_kg"], d["confirmed_kg"]) for d in body["by_destination"]} == {
        "recycling": ("30.00", "28.00"),
        "composting": ("20.00", "0.00"),
        "landfill": ("50.00", "50.00"),
        "hazardous": ("0.00", "0.00"),
    }
    assert (body["declared_kg"], body["confirmed_kg"], body["not_handed_over_kg"]) == ("100.00", "78.00", "5.00")
    assert body["diverted_declared_pct"] == "50.0"  # (30 + 20) / 100
    assert body["diverted_confirmed_pct"] == "35.9"  # 28 / 78
    assert (body["handovers"], body["handovers_confirmed"]) == (3, 2)
    # The platform counts completed public mutirões only.
    assert api.get("/api/waste/stats/").json()["declared_kg"] == "0.00"
    Event.objects.filter(pk=held.pk).update(status=Event.Status.COMPLETED)
    stats = api.get("/api/waste/stats/").json()
    assert (stats["declared_kg"], stats["confirmed_kg"]) == ("100.00", "78.00")


def test_the_certificate_page_shows_its_mutiroes_waste(api, organizer, held, issued, user):
    services.receipt_confirm(token=issued.token)
    certificate = Certificate.objects.create(
        user=user,
        holder_name="Pessoa",
        hours=Decimal("2"),
        events_count=1,
        first_event_on=timezone.localdate(),
        last_event_on=timezone.localdate(),
        items=[{"event_id": held.id, "title": held.title}],
    )
    body = api.get(f"/api/certificates/{certificate.code}/waste/").json()
    assert (body["declared_kg"], body["confirmed_kg"], body["diverted_confirmed_pct"]) == ("10.00", "10.00", "100.0")
    assert api.get("/api/certificates/XXXX-0000-ZZZZ/waste/").status_code == 404


def test_empty_totals_have_no_percentage(api, held):
    body = api.get(f"/api/events/{held.id}/waste/").json()
    assert body["diverted_declared_pct"] is None and body["diverted_confirmed_pct"] is None


def test_lists_run_a_constant_number_of_queries(client_for, organizer, held):
    def grow(n):
        bags = services.bags_register(event_id=held.id, user=organizer, material="metal", weights_kg=[Decimal("1")] * n)
        services.handover_create(
            event_id=held.id,
            user=organizer,
            data={
                "bag_ids": [b.id for b in bags],
                "receiver_kind": "municipal",
                "receiver_name": "SLU",
                "destination": "landfill",
            },
        )

    client = client_for(organizer)
    grow(2)
    counts = []
    for _ in range(2):
        for path in ("bags", "handovers"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/api/events/{held.id}/waste/{path}/?page_size=100").status_code == 200
            counts.append(len(captured))
        grow(5)
    assert counts[:2] == counts[2:]
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/api/events/{held.id}/waste/")
    assert len(captured) <= 8


def test_a_hostile_ticket_is_refused_and_the_link_stays_unused(api, issued):
    fake = SimpleUploadedFile("ticket.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = api.post("/api/waste/receipt/", {"token": issued.token, "ticket": fake}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "invalid_image"
    handover = Handover.objects.get()
    assert (handover.confirmed_at, handover.received_kg, handover.ticket_photo.name) == (None, None, "")
    assert api.post("/api/waste/receipt/", {"token": issued.token}, format="multipart").status_code == 200


def test_a_receipt_needs_its_token(api):
    response = api.get("/api/waste/receipt/")
    assert response.status_code == 400 and "token" in response.json()["errors"]


def test_a_free_bag_can_be_removed_by_the_organizer(client_for, organizer, held):
    bag = services.bags_register(event_id=held.id, user=organizer, material="paper", weights_kg=[Decimal("1")])[0]
    assert client_for(organizer).delete(f"/api/events/{held.id}/waste/bags/{bag.id}/").status_code == 204
    assert not WasteBag.objects.exists()
