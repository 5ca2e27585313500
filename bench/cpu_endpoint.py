"""CPU time per request of endpoints, in-process, on the bench database (the cluster's environment).

    python bench/cpu_endpoint.py [--auth] [--repeat 300] [--prof cumulative|tottime] /api/events/ ...

Makes `repeat` requests (after a warm-up) three times with Django's test client, cycling through
the paths and the bearer tokens of 100 bench users, and prints the CPU time per request of each
round (the minimum is the figure least disturbed by a shared machine). `--prof` adds a cProfile
on a CPU timer: unlike a wall-clock profile, waits on Redis and PostgreSQL do not show.
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
from pathlib import Path

BACKEND = (
    Path.cwd() if (Path.cwd() / "manage.py").exists() else Path(__file__).resolve().parents[1] / "mutiroes_backend"
)
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from mutiroes.users.models import User  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--prof", choices=["cumulative", "tottime"])
    args = parser.parse_args()
    logging.getLogger("mutiroes.request").disabled = True  # one line per request otherwise
    client = Client(SERVER_NAME="localhost")
    headers: list[dict[str, str]] = [{}]
    if args.auth:
        users = User.objects.filter(email__endswith="@bench.mutiroes.test").order_by("id")[5000:5100]
        headers = [{"HTTP_AUTHORIZATION": f"Bearer {AccessToken.for_user(user)}"} for user in users]

    def run(n: int) -> None:
        for i in range(n):
            response = client.get(args.paths[i % len(args.paths)], **headers[i % len(headers)])
            assert response.status_code == 200, (response.status_code, response.content[:300])

    run(50)
    rounds = []
    for _ in range(3):
        started = time.process_time()
        run(args.repeat)
        rounds.append((time.process_time() - started) / args.repeat * 1000)
    print(f"CPU ms/request {[round(r, 3) for r in rounds]} min {min(rounds):.3f}")
    if args.prof:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        run(args.repeat)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.prof).print_stats(50)
        print(out.getvalue())


if __name__ == "__main__":
    main()
