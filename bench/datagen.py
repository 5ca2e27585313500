"""Generate the benchmark data set with PostgreSQL COPY (run with the cluster's Django environment).

    python bench/datagen.py --events 20000 --users 50000 --participations 500000

Mutirões are spread around real Brazilian cities (centre coordinates, scattered up to ~15 km);
users, events and participations respect every model constraint (unique (event, user),
confirmed ≤ capacity, end > start, deadline ≤ start, valid statuses and coordinates), and the
events' counters equal their participation rows (checked at the end). Published mutirões start
3 to 120 days ahead, so the reminder window (24 h) holds only what the benchmark creates itself.
Every generated user has the password BENCH_PASSWORD (one hash, computed once).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "mutiroes_backend"
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from cities import CITIES, CITY_WEIGHTS  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from mutiroes.events.models import CODE_ALPHABET, Category, Event, Participation  # noqa: E402
from mutiroes.users.models import User  # noqa: E402

BENCH_PASSWORD = "bench-senha-forte-2024"  # noqa: S105 - the generated data set's users, local only
EMAIL_DOMAIN = "bench.mutiroes.test"

TITLES = [
    "Limpeza da praia",
    "Plantio de mudas nativas",
    "Horta comunitária",
    "Limpeza do rio",
    "Mutirão no parque",
    "Coleta de lixo eletrônico",
    "Recuperação de nascente",
    "Limpeza do mangue",
    "Arborização da rua",
    "Compostagem no bairro",
]
FIRST = [
    "Ana",
    "Bruno",
    "Carla",
    "Diego",
    "Elisa",
    "Fábio",
    "Gabriela",
    "Heitor",
    "Iara",
    "João",
    "Kátia",
    "Lucas",
    "Marina",
    "Nuno",
    "Olívia",
    "Paulo",
    "Quitéria",
    "Rafael",
    "Sofia",
    "Tiago",
]
LAST = ["Silva", "Souza", "Oliveira", "Santos", "Lima", "Pereira", "Ferreira", "Costa", "Rodrigues", "Almeida"]


def copy_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_copy_value(v) for v in row))
        buf.write("\n")
    _copy_text(table, columns, buf)


def _copy_value(value: object) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def code_for(index: int, length: int) -> str:
    """A distinct code per index in the models' alphabet (the random ones never collide in practice)."""
    base = len(CODE_ALPHABET)
    chars = []
    for _ in range(length):
        index, r = divmod(index, base)
        chars.append(CODE_ALPHABET[r])
    return "".join(reversed(chars))


def columns(model: type) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if not f.primary_key]


def row_of(model: type, cols: list[str], values: dict) -> tuple:
    """A COPY row: the values given, the model's defaults for columns added since (new fields
    must not break the bench; a blank text field without a default gets ""); a column with
    neither is an error."""
    missing = tuple(c for c in cols if c not in values)
    if not missing:
        return tuple(values[c] for c in cols)
    static, per_row = _defaults(model, missing)
    values = {**values, **static, **{c: f.get_default() for c, f in per_row.items()}}
    return tuple(values[c] for c in cols)


_DEFAULTS: dict[tuple[type, tuple[str, ...]], tuple[dict, dict]] = {}


def _defaults(model: type, missing: tuple[str, ...]) -> tuple[dict, dict]:
    """The model's defaults for the columns not given, looked up once per (model, columns) (at
    2,000,000 participations per-row lookups cost minutes): fixed values, and the fields whose
    default is a callable (a new value per row, e.g. a unique token)."""
    key = (model, missing)
    if key not in _DEFAULTS:
        fields = {f.column: f for f in model._meta.concrete_fields}
        static, per_row = {}, {}
        for c in missing:
            field = fields[c]
            if not (field.has_default() or field.null or (field.blank and field.empty_strings_allowed)):
                raise SystemExit(f"datagen: no value for {model.__name__}.{c}")
            if field.has_default() and callable(field.default):
                per_row[c] = field
            else:
                static[c] = field.get_default()  # "" for a blank text field without a default
        _DEFAULTS[key] = (static, per_row)
    return _DEFAULTS[key]


def generate(*, n_events: int, n_users: int, n_participations: int, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    now = timezone.now()
    t0 = time.monotonic()
    timings: dict[str, float] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM users_user WHERE email LIKE %s", [f"%@{EMAIL_DOMAIN}"])
        if cursor.fetchone()[0]:
            raise SystemExit("the database already has generated data; drop it first")

    # ---- users (one password hash for all: hashing 50,000 times would take hours)
    password = make_password(BENCH_PASSWORD)
    user_cols = columns(User)
    rows = []
    for i in range(1, n_users + 1):
        city, uf, *_ = CITIES[i % len(CITIES)]
        values = {
            "password": password,
            "last_login": None,
            "is_superuser": False,
            "email": f"u{i}@{EMAIL_DOMAIN}",
            "first_name": FIRST[i % len(FIRST)],
            "last_name": LAST[(i // len(FIRST)) % len(LAST)],
            "display_name": "",
            "bio": "",
            "city": city,
            "state": uf,
            "avatar": "",
            "birth_date": None,
            "is_public": True,
            "show_history": True,
            "calendar_token": f"bench-{i:08d}-{rng.getrandbits(64):016x}",
            "is_active": True,
            "is_staff": False,
            "date_joined": now - timedelta(days=rng.randint(0, 900)),
            "deleted_at": None,
        }
        rows.append(row_of(User, user_cols, values))
    with bulk_load(["users_user"]):
        copy_rows(User._meta.db_table, user_cols, rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM users_user WHERE email LIKE %s ORDER BY id", [f"%@{EMAIL_DOMAIN}"])
        user_ids = [r[0] for r in cursor.fetchall()]
    timings["users_s"] = time.monotonic() - t0

    # ---- events
    t1 = time.monotonic()
    category_ids = list(Category.objects.values_list("id", flat=True))
    organizers = user_ids[: max(1, len(user_ids) // 25)]
    event_cols = columns(Event)
    event_values = []
    plans = []  # (capacity, requires_approval, status) per event, in insertion order
    for i in range(n_events):
        city, uf, lat, lng = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        roll = rng.random()
        if roll < 0.80:
            status, start = "published", now + timedelta(days=rng.uniform(3, 120))
        elif roll < 0.93:
            status, start = "completed", now - timedelta(days=rng.uniform(1, 365))
        elif roll < 0.97:
            status, start = "cancelled", now + timedelta(days=rng.uniform(3, 60))
        else:
            status, start = "draft", now + timedelta(days=rng.uniform(3, 60))
        start = start.replace(minute=0, second=0, microsecond=0)
        capacity = rng.choice([10, 15, 20, 25, 30, 40, 50, 80, 100, 150, 200])
        requires_approval = rng.random() < 0.1
        title = f"{rng.choice(TITLES)} — {city} #{i + 1}"
        values = {
            "title": title,
            "description": f"{title}. Traga água, protetor solar e disposição.",
            "category_id": rng.choice(category_ids),
            "organizer_id": rng.choice(organizers),
            "address": f"Rua {LAST[i % len(LAST)]}, {rng.randint(1, 3000)}",
            "city": city,
            "state": uf,
            # ~0.13° ≈ 15 km around the centre.
            "latitude": round(lat + rng.uniform(-0.13, 0.13), 6),
            "longitude": round(lng + rng.uniform(-0.13, 0.13), 6),
            "start": start,
            "end": start + timedelta(hours=rng.choice([2, 3, 4])),
            "registration_deadline": start - timedelta(hours=rng.choice([0, 2, 24])),
            "capacity": capacity,
            "min_age": rng.choice([0, 0, 0, 12, 16]),
            "requires_approval": requires_approval,
            "visibility": "public" if rng.random() < 0.92 else "unlisted",
            "status": status,
            "what_to_bring": "Luvas, garrafa de água",
            "tools_provided": "Sacos de lixo",
            "cover_image": "",
            "checkin_code": code_for(i, 6),
            "confirmed_count": 0,
            "waitlist_count": 0,
            "pending_count": 0,
            "created_at": now - timedelta(days=rng.uniform(0, 400)),
            "updated_at": now,
            "published_at": None if status == "draft" else now - timedelta(days=30),
            "cancelled_at": now - timedelta(days=1) if status == "cancelled" else None,
            "cancellation_reason": "Chuva forte prevista" if status == "cancelled" else "",
        }
        event_values.append(values)
        plans.append((capacity, requires_approval, status))
    timings["events_s"] = time.monotonic() - t1

    # ---- who joins what: spread over the non-draft events, popular ones fuller. Drawn before the
    # events are written, so the COPY writes their counters (an UPDATE of every event afterwards
    # would rewrite every row and every index entry, the trigram one included).
    t2 = time.monotonic()
    eligible = [k for k, plan in enumerate(plans) if plan[2] != "draft"]
    weights = [rng.paretovariate(1.5) for _ in eligible]
    total_w = sum(weights)
    drawn: list[tuple[int, list[tuple[int, str]]]] = []  # (event index, [(user id, status)])
    remaining = n_participations
    for pos, k in enumerate(eligible):
        if remaining <= 0:
            break
        want = round(n_participations * weights[pos] / total_w) if pos < len(eligible) - 1 else remaining
        want = min(want, remaining, len(user_ids) - 1)
        if want <= 0:
            continue
        organizer_id = event_values[k]["organizer_id"]
        capacity, requires_approval, status = plans[k]
        people = [u for u in rng.sample(user_ids, want + 1) if u != organizer_id][:want]
        confirmed = waitlisted = pending = 0
        chosen = []
        for user_id in people:
            if rng.random() < 0.06:
                p_status = "cancelled"
            elif requires_approval and rng.random() < 0.3:
                p_status = "pending"
            elif confirmed < capacity:
                p_status = "confirmed"
            else:
                p_status = "waitlisted"
            if status == "completed" and p_status in ("pending", "waitlisted"):
                p_status = "cancelled"
            confirmed += p_status == "confirmed"
            waitlisted += p_status == "waitlisted"
            pending += p_status == "pending"
            chosen.append((user_id, p_status))
        remaining -= len(people)
        event_values[k].update(confirmed_count=confirmed, waitlist_count=waitlisted, pending_count=pending)
        drawn.append((k, chosen))
    timings["draw_s"] = time.monotonic() - t2

    with bulk_load(["events_event", "events_participation"]) as recreate:
        t3 = time.monotonic()
        copy_rows(Event._meta.db_table, event_cols, [row_of(Event, event_cols, v) for v in event_values])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM events_event WHERE description LIKE %s ORDER BY id",
                ["%Traga água, protetor solar e disposição."],
            )
            event_ids = [r[0] for r in cursor.fetchall()[-n_events:]]
        timings["events_copy_s"] = time.monotonic() - t3
        t4 = time.monotonic()
        write_participations(drawn, event_ids, plans, now=now, rng=rng)
        timings["participations_s"] = time.monotonic() - t4
        t5 = time.monotonic()
        recreate()
        timings["indexes_s"] = time.monotonic() - t5

    # ---- a check of the counters against the rows, then ANALYZE
    t6 = time.monotonic()
    with connection.cursor() as cursor:
        counters_ok = counters_consistent(cursor)
        cursor.execute("ANALYZE")
    timings["check_analyze_s"] = time.monotonic() - t6
    if not counters_ok:
        raise SystemExit("event counters differ from the participation rows")
    timings["total_s"] = time.monotonic() - t0
    return timings


def write_participations(
    drawn: list[tuple[int, list[tuple[int, str]]]],
    event_ids: list[int],
    plans: list[tuple[int, bool, str]],
    *,
    now: datetime,
    rng: random.Random,
) -> None:
    """COPY the participation rows, text built directly (2,000,000 rows: dicts and per-value
    formatting would cost minutes). Timestamps are whole minutes, formatted once each."""
    part_cols = columns(Participation)
    given = {
        "event_id", "user_id", "status", "emergency_contact", "notes", "code", "waitlisted_at",
        "checked_in_at", "checked_out_at", "hours", "created_at", "updated_at",
    }  # fmt: skip
    static, per_row = _defaults(Participation, tuple(c for c in part_cols if c not in given))
    if per_row:
        raise SystemExit(f"datagen: new Participation columns with per-row defaults: {sorted(per_row)}")
    fixed = {c: _copy_value(v) for c, v in static.items()}
    minute = timedelta(minutes=1)
    stamps: dict[int, str] = {}

    def ago(minutes: int) -> str:
        if minutes not in stamps:
            stamps[minutes] = (now - minutes * minute).isoformat()
        return stamps[minutes]

    checked_in, checked_out = ago(24 * 60), ago(21 * 60)
    base = len(CODE_ALPHABET)
    pairs = [a + b for a in CODE_ALPHABET for b in CODE_ALPHABET]  # code_for(i, 8), 2 characters at a time
    b2, b4, b6 = base**2, base**4, base**6
    buf = io.StringIO()
    code_index = 0
    null = r"\N"
    for k, chosen in drawn:
        event_id, completed = str(event_ids[k]), plans[k][2] == "completed"
        for user_id, p_status in chosen:
            attended = completed and p_status == "confirmed"
            values = {
                "event_id": event_id,
                "user_id": str(user_id),
                "status": p_status,
                "emergency_contact": "",
                "notes": "",
                "code": pairs[code_index // b6 % b2]
                + pairs[code_index // b4 % b2]
                + pairs[code_index // b2 % b2]
                + pairs[code_index % b2],
                "waitlisted_at": ago(code_index % 5000) if p_status == "waitlisted" else null,
                "checked_in_at": checked_in if attended else null,
                "checked_out_at": checked_out if attended else null,
                "hours": "3.00" if attended else null,
                "created_at": ago(rng.randrange(60 * 24 * 60)),
                "updated_at": ago(0),
                **fixed,
            }
            buf.write("\t".join([values[c] for c in part_cols]))
            buf.write("\n")
            code_index += 1
        if buf.tell() > 64_000_000:
            _copy_text(Participation._meta.db_table, part_cols, buf)
            buf = io.StringIO()
    _copy_text(Participation._meta.db_table, part_cols, buf)


def _copy_text(table: str, cols: list[str], buf: io.StringIO) -> None:
    buf.seek(0)
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(c) for c in cols)
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buf)


@contextlib.contextmanager
def bulk_load(tables: list[str]) -> Iterator[Callable[[], None]]:
    """Drop the tables' secondary indexes (those behind no constraint) for the COPY and build them
    again afterwards, in bulk (much faster than row by row, the trigram GIN index above all).
    The caller calls the function yielded; it also runs if the load fails, so a database is never
    left without its indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        # No foreign-key triggers during the load (the rows reference what was just written;
        # the check at the end and the counters test them): the bench connects as a superuser.
        cursor.execute("SET session_replication_role = replica")
    done = False

    def recreate() -> None:
        nonlocal done
        if done:
            return
        done = True
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)

    try:
        yield recreate
    finally:
        recreate()


def counters_consistent(cursor: object) -> bool:
    cursor.execute(  # type: ignore[attr-defined]
        """
        SELECT count(*) FROM events_event e LEFT JOIN (
            SELECT event_id, count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
                   count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted,
                   count(*) FILTER (WHERE status = 'pending') AS pending
            FROM events_participation GROUP BY event_id) c ON c.event_id = e.id
        WHERE e.confirmed_count <> coalesce(c.confirmed, 0) OR e.waitlist_count <> coalesce(c.waitlisted, 0)
           OR e.pending_count <> coalesce(c.pending, 0)
        """
    )
    return cursor.fetchone()[0] == 0  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--participations", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    timings = generate(n_events=args.events, n_users=args.users, n_participations=args.participations, seed=args.seed)
    print({k: round(v, 1) for k, v in timings.items()})


if __name__ == "__main__":
    main()
