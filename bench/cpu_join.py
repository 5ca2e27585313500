"""CPU time per join, in-process: `POST /api/events/<id>/join/` for fresh (person, mutirão) pairs.

    cd mutiroes_backend && DATABASE_URL=… REDIS_URL=… CELERY_BROKER_URL=… \\
        python ../bench/cpu_join.py [--people 300] [--rounds 3] [--miss] [--prof cumulative|tottime]

Creates its own people and mutirões (capacity 100, as the storm's), so point it at a scratch
database that has been migrated, never at the bench's (its user count is how `--reuse-data`
recognizes it). Each round is one new mutirão joined by every person once (the first 100
confirmed, the rest waitlisted); `--miss` forgets each person's cached access state before their
join, as in the storm, where every person's request is their first. Prints the CPU time per join
of each round (the minimum is the figure least disturbed by a shared machine); `--prof` adds a
cProfile on a CPU timer of one more round, and writes it to `cpu_join.prof`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import sys
import time
from datetime import timedelta
from pathlib import Path

BACKEND = (
    Path.cwd() if (Path.cwd() / "manage.py").exists() else Path(__file__).resolve().parents[1] / "mutiroes_backend"
)
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from mutiroes.events.models import Category, Event  # noqa: E402
from mutiroes.users.models import User  # noqa: E402
from mutiroes.users.services import ACCESS_STATE_KEY  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--miss", action="store_true")
    parser.add_argument("--prof", choices=["cumulative", "tottime"])
    args = parser.parse_args()
    logging.getLogger("mutiroes.request").disabled = True  # one line per request otherwise
    tag = time.time_ns()
    people = [
        User.objects.create_user(email=f"cpu-join-{tag}-{i}@exemplo.com", password=None, first_name=f"P{i}")
        for i in range(args.people + 1)
    ]
    organizer, joiners = people[0], people[1:]
    category = Category.objects.order_by("id").first()
    tokens = [f"Bearer {AccessToken.for_user(user)}" for user in joiners]
    client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.1")

    def new_event() -> Event:
        start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
        return Event.objects.create(
            title="Mutirão da medição",
            description="x",
            category=category,
            organizer=organizer,
            address="Av. Atlântica, 1702",
            city="Rio de Janeiro",
            state="RJ",
            latitude=-22.97,
            longitude=-43.18,
            start=start,
            end=start + timedelta(hours=3),
            registration_deadline=start - timedelta(hours=1),
            capacity=100,
            status=Event.Status.PUBLISHED,
            published_at=timezone.now(),
        )

    def join_all(event: Event) -> None:
        for i, (user, token) in enumerate(zip(joiners, tokens, strict=True)):
            if args.miss:
                cache.delete(ACCESS_STATE_KEY.format(user_id=user.id))
            response = client.post(
                f"/api/events/{event.id}/join/",
                data={},
                content_type="application/json",
                HTTP_AUTHORIZATION=token,
                HTTP_X_FORWARDED_FOR=f"10.1.{i // 250}.{i % 250}",
            )
            assert response.status_code == 201, (response.status_code, response.content[:300])

    join_all(new_event())  # warm-up
    rounds = []
    for _ in range(args.rounds):
        event = new_event()
        started = time.process_time()
        join_all(event)
        rounds.append((time.process_time() - started) / len(joiners) * 1000)
    print(f"CPU ms/join {[round(r, 3) for r in rounds]} min {min(rounds):.3f}")
    if args.prof:
        event = new_event()
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        join_all(event)
        profile.disable()
        profile.dump_stats("cpu_join.prof")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.prof).print_stats(50)
        print(out.getvalue())


if __name__ == "__main__":
    main()
