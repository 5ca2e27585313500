"""CPU time per request of endpoints, in-process, on the bench database (the cluster's environment).

    python bench/cpu_endpoint.py [--auth] [--repeat 300] [--prof cumulative|tottime] /api/events/ ...

Makes `repeat` requests (after a warm-up) three times with Django's test client, cycling through
the paths and the bearer tokens of 100 bench users, and prints the CPU time per request of each
round (the minimum is the figure least disturbed by a shared machine). `--prof` adds a cProfile
on a CPU timer: unlike a wall-clock profile, waits on Redis and PostgreSQL do not show.
"""

from __future__ import annotations

import argparse

from inprocess import cpu_profile, cpu_rounds, quiet  # sets Django up first: the imports below need it

# isort: split
from django.test import Client
from mutiroes.users.models import User
from rest_framework_simplejwt.tokens import AccessToken


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--prof", choices=["cumulative", "tottime"])
    args = parser.parse_args()
    quiet()
    client = Client(SERVER_NAME="localhost")
    headers: list[dict[str, str]] = [{}]
    if args.auth:
        users = User.objects.filter(email__endswith="@bench.mutiroes.test").order_by("id")[5000:5100]
        headers = [{"HTTP_AUTHORIZATION": f"Bearer {AccessToken.for_user(user)}"} for user in users]

    def run(n: int = args.repeat) -> int:
        for i in range(n):
            response = client.get(args.paths[i % len(args.paths)], **headers[i % len(headers)])
            assert response.status_code == 200, (response.status_code, response.content[:300])
        return n

    run(50)
    cpu_rounds(run, 3, "request")
    if args.prof:
        cpu_profile(run, args.prof)


if __name__ == "__main__":
    main()
