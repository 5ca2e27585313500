"""Search that finds: accents and case ignored, parts of city and category names, the trigram
index used on PostgreSQL, and the same folding on `make dev`'s SQLite."""

import sqlite3
from types import SimpleNamespace

import pytest
from django.db import connection

from mutiroes.core.search import fold, register_sqlite_fold
from mutiroes.events.models import Category, Event
from mutiroes.events.selectors import EventFilters, event_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(make_event):
    trees = Category.objects.get(slug="plantio-de-arvores")
    return {
        "itapua": make_event(title="Limpeza da Praia de Itapuã", city="Salvador", state="BA"),
        "sp": make_event(
            title="Mutirão de recuperação da nascente",
            description="Mudas nativas.",
            city="São Paulo",
            state="SP",
            category=trees,
        ),
        "rio": make_event(title="Praia Vermelha", description="Sacos e luvas.", city="Rio de Janeiro"),
    }


def _ids(api, query: str) -> set[int]:
    response = api.get(f"/api/events/?{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=itapua", {"itapua"}),
        ("q=ITAPUÃ", {"itapua"}),
        ("q=sao paulo", {"sp"}),
        ("q=SÃO", {"sp"}),
        ("q=recuperacao", {"sp"}),
        ("q=Rio", {"rio"}),
        ("q=árvore", {"sp"}),
        ("q=arvores nascente", {"sp"}),
        ("q=praia", {"itapua", "rio"}),
        ("q=100%", set()),
        ("city=sao paulo", {"sp"}),
        ("city=rio", {"rio"}),
        ("city=SALVADOR", {"itapua"}),
    ],
)
def test_search_ignores_accents_and_case_and_finds_parts(api, places, query, found):
    assert _ids(api, query) == {places[key].id for key in found}


def test_search_uses_the_trigram_index(places):
    # Enough published mutirões that reading them all costs more than the index (as in production).
    template = places["rio"]
    Event.objects.bulk_create(
        Event(
            title=f"Mutirão {n}",
            description="Limpeza de rotina.",
            category_id=template.category_id,
            organizer_id=template.organizer_id,
            address=template.address,
            city="Recife",
            state="PE",
            latitude=template.latitude,
            longitude=template.longitude,
            start=template.start,
            end=template.end,
            registration_deadline=template.registration_deadline,
            checkin_code=template.checkin_code,
            capacity=10,
            status=Event.Status.PUBLISHED,
        )
        for n in range(3000)
    )
    queryset = event_list(filters=EventFilters(q="itapua"), user=None).values("id")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "event_search_trgm_idx" in plan, plan
    assert [row["id"] for row in queryset] == [places["itapua"].id]


@pytest.mark.parametrize("text", ["ITAPUÃ", "São Paulo", "Recuperação", "Árvore", "Pão-de-Açúcar", "Ñandú", "plain"])
def test_python_fold_matches_postgres(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT mutiroes_fold(%s)", [text])
        assert cursor.fetchone()[0] == fold(text)


def test_sqlite_gets_the_same_fold():
    raw = sqlite3.connect(":memory:")
    register_sqlite_fold(sender=None, connection=SimpleNamespace(vendor="sqlite", connection=raw))
    raw.execute("CREATE TABLE t (city TEXT)")
    raw.executemany("INSERT INTO t VALUES (?)", [("Itapuã",), ("São Paulo",), ("Salvador",)])
    found = raw.execute("SELECT city FROM t WHERE mutiroes_fold(city) LIKE ?", ["%" + fold("ITAPUÃ") + "%"])
    assert [row[0] for row in found] == ["Itapuã"]
    assert raw.execute("SELECT mutiroes_fold(NULL)").fetchone() == (None,)


def test_drafts_stay_out_of_search(api, make_event):
    make_event(title="Rascunho em Itapuã", status=Event.Status.DRAFT)
    assert _ids(api, "q=itapua") == set()
