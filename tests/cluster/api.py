"""API helpers for the cluster tests (the public contract of shared/API.md, nothing internal)."""

from __future__ import annotations

import datetime as dt
import uuid

from .client import Client

PASSWORD = "Mutirao-cluster-2026!"


def register(client: Client, *, name: str = "Voluntária", headers: dict[str, str] | None = None) -> dict:
    email = f"ct-{uuid.uuid4().hex[:12]}@example.org"
    r = client.post(
        "/api/auth/register/",
        {"email": email, "password": PASSWORD, "first_name": name, "last_name": "Teste"},
        headers=headers,
    )
    assert r.status == 201, (r.status, r.body[:300])
    user = r.json()
    assert isinstance(user, dict)
    return {**user, "email": email}


def token(client: Client, email: str) -> str:
    r = client.post("/api/auth/token/", {"email": email, "password": PASSWORD})
    assert r.status == 200, (r.status, r.body[:300])
    return r.json()["access"]  # type: ignore[index]


def auth(access: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access}"}


def create_event(client: Client, access: str, *, capacity: int = 1000) -> int:
    categories = client.get("/api/categories/").json()
    if isinstance(categories, dict):
        categories = categories["results"]
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    body = {
        "title": "Limpeza da Praia do Futuro",
        "description": "Mutirão de teste do cluster.",
        "category": categories[0]["id"],  # type: ignore[index]
        "address": "Av. Zezé Diogo, 1",
        "city": "Fortaleza",
        "state": "CE",
        "latitude": -3.74,
        "longitude": -38.45,
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=3)).isoformat(),
        "capacity": capacity,
        "status": "published",
    }
    r = client.post("/api/events/", body, headers=auth(access))
    assert r.status == 201, (r.status, r.body[:500])
    return int(r.json()["id"])  # type: ignore[index]
