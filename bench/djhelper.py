"""Django-side steps of the benchmark, run in the cluster's environment; each prints one JSON line.

python bench/djhelper.py tokens --users 1000 [--offset 0]
python bench/djhelper.py queries --user-id N --paths-file FILE
python bench/djhelper.py storm-event --capacity 100 --joiners 500
python bench/djhelper.py storm-check --event-id N
python bench/djhelper.py reminder-event --participants 5000
python bench/djhelper.py reminder-trigger
python bench/djhelper.py reminder-progress --event-id N
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "mutiroes_backend"
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from mutiroes.events.models import Category, Event, Participation  # noqa: E402
from mutiroes.notifications.models import Notification  # noqa: E402
from mutiroes.users.models import User  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402

EMAIL_DOMAIN = "bench.mutiroes.test"


def bench_users(count: int, offset: int = 0) -> list[User]:
    return list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("id")[offset : offset + count])


def cmd_tokens(args: argparse.Namespace) -> dict:
    users = bench_users(args.users, args.offset)
    return {
        "tokens": [str(AccessToken.for_user(u)) for u in users],
        "user_ids": [u.id for u in users],
        "emails": [u.email for u in users],
    }


def cmd_queries(args: argparse.Namespace) -> dict:
    """Exact SQL queries per request: a warm request, then a counted one, in-process."""
    user = User.objects.get(pk=args.user_id)
    token = str(AccessToken.for_user(user))
    out = {}
    for line in Path(args.paths_file).read_text().splitlines():
        name, auth, method, path = line.split(" ", 3)
        client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.1")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if auth == "auth" else {}
        call = client.get if method == "GET" else client.post
        call(path, **headers)
        with CaptureQueriesContext(connection) as ctx:
            response = call(path, **headers)
        out[name] = {"queries": len(ctx.captured_queries), "status": response.status_code}
    return out


def published_event(*, organizer: User, capacity: int, start_in: timedelta, title: str) -> Event:
    start = (timezone.now() + start_in).replace(microsecond=0)
    return Event.objects.create(
        title=title,
        description=title,
        category=Category.objects.order_by("id").first(),
        organizer=organizer,
        address="Av. Atlântica, 1702",
        city="Rio de Janeiro",
        state="RJ",
        latitude=-22.9711,
        longitude=-43.1822,
        start=start,
        end=start + timedelta(hours=3),
        registration_deadline=start - timedelta(hours=1),
        capacity=capacity,
        status=Event.Status.PUBLISHED,
        published_at=timezone.now(),
    )


def cmd_storm_event(args: argparse.Namespace) -> dict:
    """A fresh mutirão (capacity N) and tokens of `joiners` people who never joined it."""
    users = bench_users(args.joiners + 1, offset=args.offset)
    event = published_event(
        organizer=users[0],
        capacity=args.capacity,
        start_in=timedelta(days=5),
        title="Mutirão da tempestade de inscrições",
    )
    return {"event_id": event.id, "tokens": [str(AccessToken.for_user(u)) for u in users[1:]]}


def cmd_storm_check(args: argparse.Namespace) -> dict:
    event = Event.objects.get(pk=args.event_id)
    by_status = dict(
        Participation.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    duplicates = (
        Participation.objects.filter(event=event).values("user_id").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    return {
        "by_status": by_status,
        "counters": {
            "confirmed": event.confirmed_count,
            "waitlisted": event.waitlist_count,
            "pending": event.pending_count,
        },
        "duplicates": duplicates,
        "counters_match_rows": (event.confirmed_count, event.waitlist_count, event.pending_count)
        == (by_status.get("confirmed", 0), by_status.get("waitlisted", 0), by_status.get("pending", 0)),
    }


def cmd_reminder_event(args: argparse.Namespace) -> dict:
    """A mutirão starting in 12 hours with N confirmed people (the only one in the reminder window)."""
    users = bench_users(args.participants + 1, offset=args.offset)
    with transaction.atomic():
        event = published_event(
            organizer=users[0], capacity=args.participants, start_in=timedelta(hours=12), title="Mutirão do lembrete"
        )
        Participation.objects.bulk_create(
            [Participation(event=event, user=u, status=Participation.Status.CONFIRMED) for u in users[1:]],
            batch_size=2000,
        )
        Event.objects.filter(pk=event.pk).update(confirmed_count=len(users) - 1)
    return {"event_id": event.id, "participants": len(users) - 1}


def cmd_reminder_trigger(args: argparse.Namespace) -> dict:
    from config.celery import app

    app.send_task("mutiroes.notifications.tasks.reminders_send")
    return {"sent": True, "at": time.time()}


def cmd_reminder_progress(args: argparse.Namespace) -> dict:
    rows = Notification.objects.filter(event_id=args.event_id, kind=Notification.Kind.REMINDER)
    return {
        "notifications": rows.count(),
        "by_email_status": dict(
            rows.values_list("email_status").annotate(n=Count("id")).values_list("email_status", "n")
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("tokens")
    p.add_argument("--users", type=int, default=1000)
    p.add_argument("--offset", type=int, default=0)
    p = sub.add_parser("queries")
    p.add_argument("--user-id", type=int, required=True)
    p.add_argument("--paths-file", required=True)
    p = sub.add_parser("storm-event")
    p.add_argument("--capacity", type=int, default=100)
    p.add_argument("--joiners", type=int, default=500)
    p.add_argument("--offset", type=int, default=0)
    p = sub.add_parser("storm-check")
    p.add_argument("--event-id", type=int, required=True)
    p = sub.add_parser("reminder-event")
    p.add_argument("--participants", type=int, default=5000)
    p.add_argument("--offset", type=int, default=0)
    sub.add_parser("reminder-trigger")
    p = sub.add_parser("reminder-progress")
    p.add_argument("--event-id", type=int, required=True)
    args = parser.parse_args()
    result = globals()[f"cmd_{args.cmd.replace('-', '_')}"](args)
    print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
