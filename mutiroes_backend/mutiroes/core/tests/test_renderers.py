"""The orjson renderer writes the bytes DRF's JSONRenderer writes."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from mutiroes.core.renderers import FastJSONRenderer

pytestmark = pytest.mark.django_db

SAMPLES = [
    {"a": 1, "b": [True, False, None], "c": "ação é ótima", "d": -22.9711, "e": 0.1, "f": 12345678901234},
    {"line": "antes\u2028depois\u2029fim", "quote": 'aspas "duplas" e \\ barra', "ctrl": "tab\tnova\nlinha"},
    {"when": dt.datetime(2026, 12, 2, 3, 4, 5, 678901, tzinfo=dt.UTC), "day": dt.date(2026, 12, 2)},
    {"time": dt.time(7, 30), "naive": dt.datetime(2026, 1, 1, 12, 0), "span": dt.timedelta(hours=2)},
    {"price": Decimal("12.50"), "id": uuid.UUID("12345678-1234-5678-1234-567812345678")},
    {"lazy": gettext_lazy("Not found."), "nested": {"x": [{"y": []}, {}]}, "big": 2**70},
    [],
    "texto",
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_bytes_as_drf(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_indentation_is_drfs(event):
    media = "application/json; indent=4"
    data = {"a": [1, 2], "b": "c"}
    assert FastJSONRenderer().render(data, media) == JSONRenderer().render(data, media)
    assert FastJSONRenderer().render(None) == b""


SAMPLE_PATHS = [
    "/api/events/",
    "/api/events/?page_size=2&ordering=-start",
    "/api/events/?near=-22.97,-43.18",
    "/api/categories/",
    "/api/events/?page_size=0",  # an error answer
    "/api/events/999999/",
]


def test_same_bytes_as_drf_for_a_sample_of_answers(api, client_for, user, make_event):
    event = make_event(title="Mutirão \u2028 da praia", description="Traga luvas, água e protetor.")
    make_event(title="Outro mutirão")
    for client in (api, client_for(user)):
        for path in [*SAMPLE_PATHS, f"/api/events/{event.id}/"]:
            response = client.get(path, HTTP_ACCEPT="application/json, text/plain")
            assert response.content == JSONRenderer().render(response.data), path
            assert response.content == FastJSONRenderer().render(response.data), path
