"""The embedded default (SQLite, `make dev`) takes simultaneous sign-ups as PostgreSQL does.

With deferred transactions, a dozen people joining one mutirão at the same moment got `503
unavailable` ("database is locked": two readers cannot both upgrade to the write lock). This
runs the real thing in a child process on the embedded settings (no DATABASE_URL): a fresh
SQLite file, migrations, and threads that each post a join through the whole HTTP stack.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[3]
PEOPLE = 16
CAPACITY = 5

SCRIPT = r"""
import json, sys, threading
from datetime import timedelta

import django
from django.core.management import call_command

django.setup()
call_command("migrate", verbosity=0, interactive=False)

from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mutiroes.events.models import Category, Event, Participation
from mutiroes.users.models import User

people, capacity = int(sys.argv[1]), int(sys.argv[2])
organizer = User.objects.create_user(email="org@exemplo.com", password=None, first_name="Org")
start = timezone.now() + timedelta(days=2)
event = Event.objects.create(
    title="Mutirão lotado", description="x", category=Category.objects.first(), organizer=organizer,
    address="Praia", city="Santos", state="SP", latitude=-23.96, longitude=-46.33, start=start,
    end=start + timedelta(hours=2), registration_deadline=start, capacity=capacity, status="published",
)
volunteers = [User.objects.create_user(email=f"p{i}@exemplo.com", password=None, first_name="P") for i in range(people)]
tokens = [str(RefreshToken.for_user(v).access_token) for v in volunteers]
connection.close()
barrier = threading.Barrier(people)
statuses = []
lock = threading.Lock()

def join(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    barrier.wait(timeout=60)
    response = client.post(f"/api/events/{event.id}/join/", {}, format="json", HTTP_HOST="127.0.0.1")
    with lock:
        statuses.append([response.status_code, response.json().get("status") or response.json().get("code")])
    connection.close()

threads = [threading.Thread(target=join, args=(t,)) for t in tokens]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=120)
event.refresh_from_db()
rows = list(Participation.objects.filter(event=event).values_list("status", flat=True))
print(json.dumps({"statuses": statuses, "confirmed_count": event.confirmed_count,
                  "waitlist_count": event.waitlist_count, "rows": rows}))
"""


@pytest.mark.slow
def test_simultaneous_joins_on_the_embedded_sqlite_default(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "1",
        "DJANGO_SQLITE_PATH": str(tmp_path / "dev.sqlite3"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(  # noqa: S603 - our own script, in our own interpreter
        [sys.executable, "-c", SCRIPT, str(PEOPLE), str(CAPACITY)],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(outcome["statuses"]) == sorted(
        [[201, "confirmed"]] * CAPACITY + [[201, "waitlisted"]] * (PEOPLE - CAPACITY)
    ), outcome["statuses"]
    assert (outcome["confirmed_count"], outcome["waitlist_count"]) == (CAPACITY, PEOPLE - CAPACITY)
    assert sorted(outcome["rows"]) == sorted(["confirmed"] * CAPACITY + ["waitlisted"] * (PEOPLE - CAPACITY))
