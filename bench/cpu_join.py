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
import time
from datetime import timedelta

from inprocess import cpu_profile, cpu_rounds, quiet  # sets Django up first: the imports below need it

# isort: split
from django.core.cache import cache
from django.test import Client
from djhelper import published_event
from mutiroes.events.models import Event
from mutiroes.users.models import User
from mutiroes.users.services import ACCESS_STATE_KEY
from rest_framework_simplejwt.tokens import AccessToken


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--miss", action="store_true")
    parser.add_argument("--prof", choices=["cumulative", "tottime"])
    args = parser.parse_args()
    quiet()
    tag = time.time_ns()
    people = [
        User.objects.create_user(email=f"cpu-join-{tag}-{i}@exemplo.com", password=None, first_name=f"P{i}")
        for i in range(args.people + 1)
    ]
    organizer, joiners = people[0], people[1:]
    tokens = [f"Bearer {AccessToken.for_user(user)}" for user in joiners]
    client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.1")

    def new_event() -> Event:
        return published_event(organizer=organizer, capacity=100, start_in=timedelta(days=5), title="Medição")

    def join_all(event: Event) -> int:
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
        return len(joiners)

    join_all(new_event())  # warm-up
    cpu_rounds(lambda: join_all(new_event()), args.rounds, "join")
    if args.prof:
        cpu_profile(lambda: join_all(new_event()), args.prof, dump="cpu_join.prof")


if __name__ == "__main__":
    main()
