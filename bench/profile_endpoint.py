"""Profile one endpoint in-process with pyinstrument, on the bench database (the cluster's environment).

    python bench/profile_endpoint.py [--auth] [--repeat 50] /api/events/

Prints the call tree of `repeat` requests made with Django's test client (after one warm request)
and the SQL queries of one request. Used to explain where the time of a slow figure goes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "mutiroes_backend"
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from mutiroes.users.models import User  # noqa: E402
from pyinstrument import Profiler  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request")
    args = parser.parse_args()
    client = Client(SERVER_NAME="localhost")
    headers = {}
    if args.auth:
        user = User.objects.filter(email__endswith="@bench.mutiroes.test").order_by("id")[5000:5001].get()
        headers["HTTP_AUTHORIZATION"] = f"Bearer {AccessToken.for_user(user)}"
    call = client.get if args.method == "GET" else client.post
    call(args.path, **headers)
    with CaptureQueriesContext(connection) as ctx:
        status = call(args.path, **headers).status_code
    print(f"status {status}, {len(ctx.captured_queries)} queries")
    for q in ctx.captured_queries if args.sql else []:
        print(f"  {q['time']}s  {q['sql'][:600]}")
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.repeat):
            call(args.path, **headers)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
