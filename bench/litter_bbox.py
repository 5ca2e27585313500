"""`make bench-litter`: the litter reports' map query (a bounding box) at 100,000 reports.

    python bench/litter_bbox.py                 # 100,000 reports, 300 queries
    python bench/litter_bbox.py --reports 10000 --queries 100

Creates (drops first) its own database `mutiroes_bench_litter` on the machine's PostgreSQL,
migrates it, writes the reports with COPY around the same 40 cities as `make bench` (80% open,
15% cleaned, 5% hidden; scattered up to ~15 km; created over the last two years), ANALYZE, then:

- checks the plan of the map's query: it must read `litter_open_lat_lng_idx`, never the table;
- times the query the list endpoint runs for a map view (a box of ~0.1° around a city point,
  newest first, one page of 100) with `EXPLAIN (ANALYZE)` execution times: p50, p95, p99;
- times the whole endpoint in-process (Django's test client, no network, cache off):
  `GET /api/litter-reports/?bbox=…&page_size=100`, ms per request and SQL queries per request.

Prints one JSON document and writes it to bench/results/<date>-litter.json. Needs what `make test`
needs (PostgreSQL on 127.0.0.1:5432); nothing else runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BACKEND = BENCH.parent / "mutiroes_backend"
DB_NAME = "mutiroes_bench_litter"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _box(rng: random.Random, cities: list, weights: list) -> tuple[float, float, float, float]:
    _, _, lat, lng = rng.choices(cities, weights=weights)[0]
    lat += rng.uniform(-0.08, 0.08)
    lng += rng.uniform(-0.08, 0.08)
    return lat - 0.05, lng - 0.05, lat + 0.05, lng + 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--out", default=str(BENCH / "results"))
    args = parser.parse_args()

    subprocess.run(["psql", f"{args.pg}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    subprocess.run(["psql", f"{args.pg}/postgres", "-qc", f"CREATE DATABASE {DB_NAME}"], check=True)
    os.environ.update(
        {
            "DATABASE_URL": f"{args.pg}/{DB_NAME}",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_DEBUG": "1",
            "DJANGO_CACHE_URL": "",
        }
    )
    os.environ.pop("REDIS_URL", None)  # in-process cache: the list is not cached anyway
    sys.path[:0] = [str(BACKEND), str(BENCH)]
    import django

    django.setup()
    from cities import CITIES, CITY_WEIGHTS
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone
    from mutiroes.litter import selectors
    from mutiroes.litter.models import LitterReport
    from mutiroes.users.models import User

    call_command("migrate", verbosity=0)
    reporter = User.objects.create_user(
        email="bench-litter@bench.mutiroes.test", password=None, first_name="Bench", last_name="Litter"
    )
    rng = random.Random(18)
    now = timezone.now()
    started = time.monotonic()
    buf = io.StringIO()
    for _ in range(args.reports):
        city, uf, lat, lng = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        roll = rng.random()
        status, hidden = ("cleaned", "f") if roll < 0.15 else ("open", "t" if roll > 0.95 else "f")
        created = now - dt.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        cleaned = (created + dt.timedelta(days=10)).isoformat() if status == "cleaned" else r"\N"
        row = [
            str(reporter.id),
            f"{lat + rng.uniform(-0.135, 0.135):.6f}",
            f"{lng + rng.uniform(-0.135, 0.135):.6f}",
            "",
            city,
            uf,
            rng.choice(["bag", "car", "truck"]),
            '["plastic"]',
            "",
            status,
            "0",
            cleaned,
            hidden,
            created.isoformat(),
            created.isoformat(),
        ]
        buf.write("\t".join(row) + "\n")
    buf.seek(0)
    columns = "reporter_id, latitude, longitude, address, city, state, size, materials, notes, status, "
    columns += "confirmations_count, cleaned_at, is_hidden, created_at, updated_at"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY litter_litterreport ({columns}) FROM STDIN", buf)
        cursor.execute("ANALYZE litter_litterreport")
    generated_s = time.monotonic() - started

    boxes = [_box(rng, CITIES, CITY_WEIGHTS) for _ in range(args.queries)]

    def queryset(box: tuple[float, float, float, float]):
        bbox = selectors.Bbox(min_lat=box[0], min_lng=box[1], max_lat=box[2], max_lng=box[3])
        return selectors.report_list(filters=selectors.ReportFilters(bbox=bbox))[:100]

    plan = queryset(boxes[0]).explain()
    uses_index = "litter_open_lat_lng_idx" in plan and "Seq Scan on litter_litterreport" not in plan
    sql_ms, rows = [], []
    for box in boxes:
        report = json.loads(queryset(box).explain(format="json", analyze=True))[0]
        sql_ms.append(report["Execution Time"])
        rows.append(report["Plan"].get("Actual Rows", 0))

    setup_test_environment()  # the test client's host name is allowed
    logging.getLogger("mutiroes.request").setLevel(logging.WARNING)  # one line per request otherwise
    client = Client()
    client.get("/api/litter-reports/?page_size=100")  # warm-up: imports, URL resolver, first connection
    endpoint_ms, queries = [], []
    for box in boxes:
        path = "/api/litter-reports/?bbox={:.4f},{:.4f},{:.4f},{:.4f}&page_size=100".format(*box)
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(path)
            endpoint_ms.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.content[:300]
        queries.append(len(captured))

    result = {
        "started": now.isoformat(timespec="seconds"),
        "reports": args.reports,
        "open_visible": LitterReport.objects.filter(status="open", is_hidden=False).count(),
        "generated_s": round(generated_s, 1),
        "queries": args.queries,
        "plan_uses_index": uses_index,
        "plan": plan,
        "sql_ms": {p: round(_pct(sql_ms, p), 2) for p in (50, 95, 99)},
        "rows_per_query_median": statistics.median(rows),
        "endpoint_ms": {p: round(_pct(endpoint_ms, p), 2) for p in (50, 95, 99)},
        "sql_queries_per_request": max(queries),
    }
    connection.close()
    subprocess.run(["psql", f"{args.pg}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = f"{now.date().isoformat()}-litter.json"
    (out / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0 if uses_index else 1


if __name__ == "__main__":
    raise SystemExit(main())
