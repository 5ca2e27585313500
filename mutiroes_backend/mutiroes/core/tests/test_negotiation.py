"""The remembered content negotiation chooses what DRF's chooses, the first time and after."""

import pytest
from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer, TemplateHTMLRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mutiroes.core import negotiation
from mutiroes.core.renderers import FastJSONRenderer

ACCEPTS = [
    None,
    "",
    "*/*",
    "application/json",
    "application/json; indent=4",
    "application/json, text/plain;q=0.5",
    "text/html, application/xhtml+xml, */*;q=0.8",
    "text/html",
    "application/*",
    "image/png",
    "application/json;q=0, */*",
    "x" * (negotiation.MAX_ACCEPT_LENGTH + 1),
]
QUERIES = ["", "?format=json", "?format=api", "?format=xml"]
RENDERER_SETS = [
    [FastJSONRenderer],
    [JSONRenderer, BrowsableAPIRenderer],
    [TemplateHTMLRenderer, FastJSONRenderer],
]


def _choose(negotiator, accept, query, renderer_classes, suffix):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get(f"/api/events/{query}", **headers))
    renderers = [renderer() for renderer in renderer_classes]
    try:
        renderer, media_type = negotiator.select_renderer(request, renderers, suffix)
    except (NotAcceptable, Http404) as exc:
        return type(exc).__name__
    return renderers.index(renderer), media_type


@pytest.mark.parametrize("renderer_classes", RENDERER_SETS)
def test_choices_are_drfs_cold_and_warm(renderer_classes):
    negotiation._choices.clear()
    drf, ours = DefaultContentNegotiation(), negotiation.ContentNegotiation()
    for _ in range(2):  # the first pass fills the table, the second reads it
        for accept in ACCEPTS:
            for query in QUERIES:
                for suffix in (None, "json"):
                    expected = _choose(drf, accept, query, renderer_classes, suffix)
                    assert _choose(ours, accept, query, renderer_classes, suffix) == expected, (accept, query, suffix)
    assert negotiation._choices  # something was remembered


def test_the_table_stays_bounded(monkeypatch):
    monkeypatch.setattr(negotiation, "MAX_CHOICES", 3)
    negotiation._choices.clear()
    ours = negotiation.ContentNegotiation()
    for index in range(10):
        assert _choose(ours, f"application/json, text/x-{index}", "", [FastJSONRenderer], None) == (
            0,
            "application/json",
        )
        assert len(negotiation._choices) <= 3
