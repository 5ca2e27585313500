"""`make bench`: the Mutirões benchmark suite, side by side with N_min in the same run.

Starts its own native cluster (deploy/native/cluster.py) on free loopback ports with its own
database (mutiroes_bench, and mutiroes_bench_x10 for the growth figures) and Redis databases
(9 broker, 10 cache) — all options (--db-name, --broker-db, --cache-db) —, generates the data set,
loads it with wrk from a second process (Python threads for web-app pages, Chromium for the
web vitals), and writes bench/results/<date>.{json,md,png}.
See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
LUA = BENCH / "lua" / "common.lua"
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
PY = VENV / "bin" / "python"
CLK = os.sysconf("SC_CLK_TCK")
NOOP = "/api/bench/noop/"  # N_min: the minimal Django view (benchmarks/views.py)

SIZES = {
    "full": {"events": 20_000, "users": 50_000, "participations": 500_000},
    "small": {"events": 2_000, "users": 8_000, "participations": 50_000},
}
# Targets: (ratio to N_min, or None) per measurement.
TARGETS = {
    "list_anon_cached": 0.6,
    "list_auth": 0.25,
    "nearby": 0.2,
    "noop_auth": 0.5,
}


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# ====================================================================== the cluster
def free_base_port() -> int:
    """A base port with every port of a cluster after it free (the cluster's own search)."""
    spec = importlib.util.spec_from_file_location("native_cluster", ROOT / "deploy" / "native" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.free_port_range()


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.state = Path(args.state_dir).resolve()
        self.port = args.port or free_base_port()
        self.db = args.db_name
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUSTER_", "DJANGO_", "MAKE"))}
        self.env.update(
            {
                "VENV": str(VENV),
                "CLUSTER_DIR": str(self.state),
                "CLUSTER_PORT": str(self.port),
                "CLUSTER_DB_NAME": self.db,
                "CLUSTER_BROKER_URL": f"redis://127.0.0.1:6379/{args.broker_db}",
                "CLUSTER_CACHE_URL": f"redis://127.0.0.1:6379/{args.cache_db}",
                "CLUSTER_BACKENDS": "3",
                "CLUSTER_WORKERS": "2",
                # The Next server only for the web-app figures (target 9); pages are one client
                # (wrk) there, so the bench's cluster lifts nginx's per-address page limit.
                "CLUSTER_FRONTEND": "1" if args.frontend else "0",
                **({"CLUSTER_PAGE_RATE": "100000r/s"} if args.frontend else {}),
                "CLUSTER_MONITORING": "0",  # measure the product, not Prometheus
                "BENCH_MINIMAL_VIEW": "1",
            }
        )
        # Gunicorn's sizing is the runtime's own (deploy/native/cluster.py) unless told otherwise.
        if args.gunicorn_workers:
            self.env["GUNICORN_WORKERS"] = str(args.gunicorn_workers)
        if args.gunicorn_threads:
            self.env["GUNICORN_THREADS"] = str(args.gunicorn_threads)
        self.public = f"http://127.0.0.1:{self.port}"
        self.internal = f"http://127.0.0.1:{self.port + 1}"
        self.tmp = Path(tempfile.mkdtemp(prefix="mutiroes-bench-"))
        self.frontend = bool(args.frontend)

    # ---- commands
    def cluster(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            ["python3", str(ROOT / "deploy" / "native" / "cluster.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise SystemExit(f"cluster.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def django_env(self) -> dict[str, str]:
        out = self.cluster("env").stdout
        env = dict(self.env)
        for key, value in re.findall(r"^export (\w+)='(.*)'$", out, re.M):
            env[key] = value
        env["PATH"] = f"{VENV / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
        return env

    def helper(self, *args: str, timeout: float = 600) -> dict:
        proc = subprocess.run(
            [str(PY), str(BENCH / "djhelper.py"), *args],
            env=self.django_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT / "mutiroes_backend",
        )
        for line in proc.stdout.splitlines():
            if line.startswith("BENCH_JSON "):
                return json.loads(line[len("BENCH_JSON ") :])
        raise SystemExit(f"djhelper {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")

    def psql(self, sql: str, db: str | None = None) -> str:
        return subprocess.run(
            ["psql", f"postgres://postgres@127.0.0.1:5432/{db or self.db}", "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def redis_flush(self) -> None:
        for db in (self.args.broker_db, self.args.cache_db):
            subprocess.run(["redis-cli", "-n", str(db), "FLUSHDB"], check=True, capture_output=True)

    def flush_cache(self) -> None:
        subprocess.run(["redis-cli", "-n", str(self.args.cache_db), "FLUSHDB"], check=True, capture_output=True)

    # ---- lifecycle
    def start(self, size: dict | None = None) -> dict:
        """Start the cluster on database self.db holding a data set of `size` (default: the run's)."""
        size = size or self.args.size
        if (self.state / "cluster.json").exists():
            log(f"stopping a previous bench cluster in {self.state}")
            self.cluster("down", check=False)
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.db}'", db="postgres") == "1"
        reuse = False
        if exists and self.args.reuse_data:
            try:
                users = int(self.psql("SELECT count(*) FROM users_user WHERE email LIKE '%@bench.mutiroes.test'"))
                reuse = users == size["users"]
            except subprocess.CalledProcessError:
                reuse = False
        if exists and not reuse:
            log(f"dropping database {self.db}")
            self.psql(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.db}'", db="postgres"
            )
            self.psql(f'DROP DATABASE "{self.db}"', db="postgres")
        if self.state.exists():
            shutil.rmtree(self.state)
        self.redis_flush()
        log(f"starting the native cluster on 127.0.0.1:{self.port} (state {self.state}, database {self.db})")
        self.cluster("up", "--timeout", "180")
        gen: dict = {"reused": reuse}
        if not reuse:
            log(f"generating {size['events']} mutirões, {size['users']} users, {size['participations']} participations")
            t0 = time.monotonic()
            proc = subprocess.run(
                [
                    str(PY),
                    str(BENCH / "datagen.py"),
                    "--events",
                    str(size["events"]),
                    "--users",
                    str(size["users"]),
                    "--participations",
                    str(size["participations"]),
                ],
                env=self.django_env(),
                capture_output=True,
                text=True,
                cwd=ROOT / "mutiroes_backend",
            )
            if proc.returncode != 0:
                raise SystemExit(f"datagen failed:\n{proc.stdout}\n{proc.stderr}")
            gen["seconds"] = round(time.monotonic() - t0, 1)
            gen["steps"] = proc.stdout.strip().splitlines()[-1]
            log(f"data set generated in {gen['seconds']} s: {gen['steps']}")
        gen["rows"] = {
            t: int(self.psql(f"SELECT count(*) FROM {t}"))
            for t in ("users_user", "events_event", "events_participation")
        }
        self.flush_cache()
        return gen

    def switch_database(self, db: str, size: dict) -> dict:
        """Restart the cluster (same ports) on another database holding a data set of `size`."""
        self.cluster("down", check=False)
        self.db = db
        self.env["CLUSTER_DB_NAME"] = db
        return self.start(size)

    def stop(self) -> None:
        if self.args.keep:
            log(f"cluster kept running: CLUSTER_DIR={self.state} CLUSTER_PORT={self.port}")
            return
        self.cluster("down", check=False)
        shutil.rmtree(self.state, ignore_errors=True)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- processes
    def supervisor_pid(self) -> int:
        return int((self.state / "run" / "supervisord.pid").read_text().strip())

    def program_pid(self, name: str) -> int | None:
        out = subprocess.run(
            ["supervisorctl", "-c", str(self.state / "supervisord.conf"), "pid", name], capture_output=True, text=True
        ).stdout.strip()
        return int(out) if out.isdigit() and out != "0" else None

    def programs(self) -> dict[str, list[int]]:
        """program -> its process tree (pids)."""
        children = _children_map()
        out: dict[str, list[int]] = {}
        for line in subprocess.run(
            ["supervisorctl", "-c", str(self.state / "supervisord.conf"), "status"], capture_output=True, text=True
        ).stdout.splitlines():
            name = line.split()[0] if line.strip() else ""
            pid = self.program_pid(name) if name else None
            if pid:
                out[name] = _tree(pid, children)
        out["supervisord"] = [self.supervisor_pid()]
        return out

    def cpu_seconds(self, prefix: str) -> float:
        return _cpu_of(self.programs(), prefix)

    def cpu_now(self) -> dict[str, float]:
        """CPU seconds so far of Gunicorn, nginx and (when the web app runs) the Next server."""
        programs = self.programs()  # one look-up (a supervisorctl call per program) for all three
        out = {"gunicorn": _cpu_of(programs, "backend-"), "nginx": _cpu_of(programs, "nginx")}
        if self.frontend:
            out["frontend"] = _cpu_of(programs, "frontend")
        return out

    def memory(self) -> dict:
        per: dict[str, dict[str, float]] = {}
        for name, pids in self.programs().items():
            group = re.sub(r"-\d+$", "", name)
            rss, pss = sum(_rss_kb(p) for p in pids), sum(_pss_kb(p) for p in pids)
            g = per.setdefault(group, {"rss_mb": 0.0, "pss_mb": 0.0, "processes": 0})
            g["rss_mb"] += rss / 1024
            g["pss_mb"] += pss / 1024
            g["processes"] += len(pids)
        total = {
            "rss_mb": sum(g["rss_mb"] for g in per.values()),
            "pss_mb": sum(g["pss_mb"] for g in per.values()),
            "processes": sum(g["processes"] for g in per.values()),
        }
        return {"total": _round(total), "by_program": {k: _round(v) for k, v in per.items()}}

    def xacts(self) -> int:
        return int(self.psql(f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{self.db}'"))

    # ---- wrk
    def write_lines(self, name: str, lines: list[str]) -> str:
        path = self.tmp / name
        path.write_text("\n".join(lines) + "\n")
        return str(path)

    def wrk(
        self,
        url: str,
        *,
        duration: float,
        conns: int,
        paths: list[str] | None = None,
        tokens: list[str] | None = None,
        bodies: list[str] | None = None,
        method: str = "GET",
        delay_ms: float = 0,
        xff: bool = True,
        threads: int = 1,
        sample_memory: bool = False,
        cookie: str = "",
        elsewhere: bool = False,
    ) -> dict:
        """One wrk run. `elsewhere`: the client stands for a machine that is not the server (an
        attacker's): it runs in its own scheduling group (session → Linux autogroup) at nice 19, so
        its own CPU comes from what the cluster and the measuring client leave, instead of an equal
        share of the 2 cores against the whole cluster (autogroups weigh the same)."""
        env = dict(os.environ)
        env.update(
            {
                "BENCH_COOKIE": cookie,
                "BENCH_PATHS": self.write_lines("paths.txt", paths) if paths else "",
                "BENCH_TOKENS": self.write_lines("tokens.txt", tokens) if tokens else "",
                "BENCH_BODIES": self.write_lines("bodies.txt", bodies) if bodies else "",
                "BENCH_METHOD": method,
                "BENCH_DELAY_MS": str(int(delay_ms)),
                "BENCH_XFF": "1" if xff else "0",
            }
        )
        cpu0 = self.cpu_now()
        x0 = self.xacts()
        c0 = os.times()
        mem_samples: list[dict] = []
        stop = threading.Event()
        if sample_memory:

            def sampler() -> None:
                while not stop.wait(max(duration / 4, 0.5)):
                    mem_samples.append(self.memory())

            thread = threading.Thread(target=sampler, daemon=True)
            thread.start()
        cmd = [
            "wrk",
            f"-t{threads}",
            f"-c{conns}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ]
        if elsewhere:
            cmd = ["sh", "-c", 'echo 19 > /proc/self/autogroup 2>/dev/null; exec nice -n 19 "$@"', "wrk", *cmd]
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=duration + 60, start_new_session=elsewhere
        )
        stop.set()
        c1 = os.times()
        cpu1 = self.cpu_now()
        x1 = self.xacts()
        line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
        if line is None:
            raise SystemExit(f"wrk failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
        data = json.loads(line[len("BENCH_JSON ") :])
        n = max(data["requests"], 1)
        seconds = data["duration_us"] / 1e6
        fivexx = sum(v for k, v in data["statuses"].items() if k.startswith("5"))
        result = {
            "rps": data["requests"] / seconds,
            "requests": data["requests"],
            "p50_ms": data["latency_us"]["p50"] / 1000,
            "p95_ms": data["latency_us"]["p95"] / 1000,
            "p99_ms": data["latency_us"]["p99"] / 1000,
            "max_ms": data["latency_us"]["max"] / 1000,
            "gunicorn_cpu_ms_per_req": (cpu1["gunicorn"] - cpu0["gunicorn"]) * 1000 / n,
            "nginx_cpu_ms_per_req": (cpu1["nginx"] - cpu0["nginx"]) * 1000 / n,
            "wrk_cpu_ms_per_req": ((c1.children_user - c0.children_user) + (c1.children_system - c0.children_system))
            * 1000
            / n,
            "pg_xacts_per_req": (x1 - x0) / n,
            **(
                {"frontend_cpu_ms_per_req": (cpu1["frontend"] - cpu0["frontend"]) * 1000 / n}
                if "frontend" in cpu0
                else {}
            ),
            "statuses": data["statuses"],
            "replicas": data["replicas"],
            "socket_errors": data["errors"],
            "http_5xx": fivexx,
            "non_2xx": sum(v for k, v in data["statuses"].items() if not k.startswith("2")),
        }
        if mem_samples:
            result["memory_under_load"] = max(mem_samples, key=lambda m: m["total"]["rss_mb"])
        return result

    def measure(
        self,
        name: str,
        url: str,
        *,
        runs: int | None = None,
        warmup: float | None = None,
        paired: bool = True,
        **kw: object,
    ) -> dict:
        """Warm-up, then `runs` runs of `url`; the median of each metric. With `paired` (the default),
        each run follows a run of N_min of the same length and connections, and `cpu_ratio` is the
        median of the runs' own ratios (figure's CPU per request ÷ the N_min run's just before it):
        the machine's speed drifts by tens of percent within a bench (neighbours on the host), a
        figure and the N_min measured seconds before it drift together."""
        runs = runs or self.args.runs
        warm = self.args.warmup if warmup is None else warmup
        if warm:
            self.wrk(url, duration=warm, **{k: v for k, v in kw.items() if k not in ("sample_memory", "duration")})  # type: ignore[arg-type]
        duration = kw.pop("duration", None) or self.args.duration
        refs: list[dict] = []
        samples: list[dict] = []
        for _ in range(runs):
            if paired:
                refs.append(self.wrk(self.internal + NOOP, duration=duration, conns=kw.get("conns", self.args.conns)))  # type: ignore[arg-type]
            samples.append(self.wrk(url, duration=duration, **kw))  # type: ignore[arg-type]
        med = {
            k: statistics.median(s[k] for s in samples) for k in samples[0] if isinstance(samples[0][k], (int, float))
        }
        if refs:
            med["ref_cpu_ms_per_req"] = statistics.median(r["gunicorn_cpu_ms_per_req"] for r in refs)
            med["cpu_ratio"] = statistics.median(
                s["gunicorn_cpu_ms_per_req"] / (r["gunicorn_cpu_ms_per_req"] or float("nan"))
                for s, r in zip(samples, refs, strict=True)
            )
        med = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in med.items()}
        med["runs"] = [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in s.items()} for s in samples]
        if refs:
            med["ref_runs"] = [{k: round(r[k], 3) for k in ("rps", "gunicorn_cpu_ms_per_req", "p99_ms")} for r in refs]
        med["statuses"] = _sum_dicts(s["statuses"] for s in samples)
        med["replicas"] = _sum_dicts(s["replicas"] for s in samples)
        med["http_5xx_total"] = sum(s["http_5xx"] for s in samples)
        med["non_2xx_total"] = sum(s["non_2xx"] for s in samples)
        mems = [s["memory_under_load"] for s in samples if "memory_under_load" in s]
        if mems:
            med["memory_under_load"] = max(mems, key=lambda m: m["total"]["rss_mb"])
        paired_note = f" = {med['cpu_ratio']:.2f} x N_min (paired)" if "cpu_ratio" in med else ""
        log(
            f"{name:<22} {med['rps']:8.1f} req/s  p50 {med['p50_ms']:6.1f}  p99 {med['p99_ms']:7.1f} ms  "
            f"cpu {med['gunicorn_cpu_ms_per_req']:.2f} ms/req{paired_note}  non-2xx {med['non_2xx_total']}"
        )
        return med


# ====================================================================== /proc helpers
def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(pid: int, children: dict[int, list[int]]) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK  # utime + stime


def _cpu_of(programs: dict[str, list[int]], prefix: str) -> float:
    return sum(_cpu(pid) for name, pids in programs.items() if name.startswith(prefix) for pid in pids)


def _rss_kb(pid: int) -> int:
    try:
        m = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def _pss_kb(pid: int) -> int:
    try:
        m = re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def _round(d: dict) -> dict:
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in d.items()}


def _sum_dicts(items) -> dict:
    out: dict[str, int] = {}
    for d in items:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


# ====================================================================== the join storm
def join_storm(b: Bench, *, joiners: int, capacity: int) -> dict:
    """`joiners` distinct people POST a join at once through nginx's public listener, each from
    their own loopback address (the per-client rate limits apply as in production)."""
    import http.client

    info = b.helper(
        "storm-event",
        "--capacity",
        str(capacity),
        "--joiners",
        str(joiners),
        "--offset",
        "20000" if b.args.size["users"] > 25000 else "3000",
    )
    event_id, tokens = info["event_id"], info["tokens"]
    barrier = threading.Barrier(len(tokens))
    results: list[tuple[int, float]] = [(0, 0.0)] * len(tokens)

    def one(i: int) -> None:
        source = f"127.0.{200 + i // 250}.{i % 250 + 1}"
        conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=90, source_address=(source, 0))
        conn.connect()
        barrier.wait()
        t0 = time.perf_counter()
        try:
            conn.request(
                "POST",
                f"/api/events/{event_id}/join/",
                body=b"{}",
                headers={"Authorization": f"Bearer {tokens[i]}", "Content-Type": "application/json"},
            )
            resp = conn.getresponse()
            resp.read()
            results[i] = (resp.status, time.perf_counter() - t0)
        except OSError:
            results[i] = (0, time.perf_counter() - t0)
        finally:
            conn.close()

    ref = b.wrk(b.internal + NOOP, duration=b.args.duration, conns=b.args.conns)  # N_min just before the storm
    cpu0 = b.cpu_seconds("backend-")
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(tokens))]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu1 = b.cpu_seconds("backend-")
    lat = sorted(r[1] * 1000 for r in results)
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    check = b.helper("storm-check", "--event-id", str(event_id))
    ok = (
        check["by_status"].get("confirmed") == capacity
        and check["by_status"].get("waitlisted") == joiners - capacity
        and check["duplicates"] == 0
        and check["counters_match_rows"]
        and not any(k.startswith("5") or k == "0" for k in statuses)
    )
    p99 = _pct(lat, 99)
    out = {
        "event_id": event_id,
        "joiners": joiners,
        "capacity": capacity,
        "statuses": statuses,
        "wall_s": round(wall, 3),
        "p50_ms": round(_pct(lat, 50), 1),
        "p95_ms": round(_pct(lat, 95), 1),
        "p99_ms": round(p99, 1),
        "max_ms": round(lat[-1], 1),
        "gunicorn_cpu_ms_per_req": round((cpu1 - cpu0) * 1000 / len(tokens), 2),
        "ref_cpu_ms_per_req": round(ref["gunicorn_cpu_ms_per_req"], 3),
        "cpu_ratio": round((cpu1 - cpu0) * 1000 / len(tokens) / (ref["gunicorn_cpu_ms_per_req"] or float("nan")), 3),
        "cpu_target": JOIN_CPU_TARGET,
        "db": check,
        "target": "exactly capacity confirmed, the rest waitlisted, zero 5xx, p99 <= 2 s",
        "pass": ok and p99 <= 2000,
    }
    log(f"join storm: {statuses} p99 {p99:.0f} ms, db {check['by_status']} -> {'PASS' if out['pass'] else 'FAIL'}")
    return out


def _pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


# ====================================================================== Celery
def celery_reminders(b: Bench, *, participants: int, limit_s: float) -> dict:
    """From the moment the beat task is published until every reminder row is `sent` or `skipped`.
    Progress is counted with one psql query every 0.25 s: starting Django twice a second to count
    (as this did until 2026-12-02) took CPU from the workers being measured."""
    info = b.helper("reminder-event", "--participants", str(participants), "--offset", "0")
    event_id = info["event_id"]
    sql = (
        "SELECT email_status, count(*) FROM notifications_notification "
        f"WHERE event_id = {int(event_id)} AND kind = 'reminder' GROUP BY 1"
    )
    t0 = b.helper("reminder-trigger")["at"]  # when the task was published (wall clock)
    progress: dict = {}
    done_at = None
    first_at = None
    while time.time() - t0 < limit_s * 7:
        rows = [line.split("|") for line in b.psql(sql).splitlines() if line]
        by_status = {status: int(n) for status, n in rows}
        progress = {"notifications": sum(by_status.values()), "by_email_status": by_status}
        finished = by_status.get("sent", 0) + by_status.get("skipped", 0)
        if progress["notifications"] and first_at is None:
            first_at = round(time.time() - t0, 2)
        if progress["notifications"] >= participants and finished >= participants:
            done_at = time.time() - t0
            break
        time.sleep(0.25)
    mail_files = len(list((b.state / "mail").glob("*"))) if (b.state / "mail").exists() else 0
    out = {
        "emails": participants,
        "workers": 2,
        "concurrency_per_worker": 2,
        "drained_s": round(done_at, 1) if done_at else None,
        "first_notification_s": first_at,
        "progress": progress,
        "mail_files": mail_files,
        "emails_per_s": round(participants / done_at, 1) if done_at else None,
        "target": f"drained within {limit_s:.0f} s",
        "pass": bool(done_at and done_at <= limit_s),
    }
    log(f"celery: {participants} reminders drained in {out['drained_s']} s -> {'PASS' if out['pass'] else 'FAIL'}")
    return out


# ====================================================================== machine
def machine() -> dict:
    def cmd(*args: str) -> str:
        try:
            return (
                subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
                or subprocess.run(args, capture_output=True, text=True, timeout=10).stderr.strip()
            )
        except OSError:
            return ""

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "kernel": platform.release(),
        "os": cmd("sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"),
        "python": platform.python_version(),
        "postgresql": cmd("psql", "postgres://postgres@127.0.0.1:5432/postgres", "-tAc", "SHOW server_version"),
        "redis": cmd("redis-cli", "INFO", "server").split("redis_version:")[-1].split()[0]
        if shutil.which("redis-cli")
        else "",
        "nginx": cmd("nginx", "-v"),
        "wrk": cmd("wrk", "--version").splitlines()[0] if cmd("wrk", "--version") else "",
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "note": "shared machine: other engineers' tests may run at the same time; figures are ratios to N_min "
        "measured in the same run",
    }


# ====================================================================== main
def gunicorn_sizing(args: argparse.Namespace) -> str:
    """The sizing the replicas run with: the options given, else the runtime's defaults."""
    sys.path.insert(0, str(ROOT / "deploy" / "native"))
    import cluster  # the runtime's defaults live there

    workers = args.gunicorn_workers or cluster.DEFAULTS["gunicorn_workers"]
    threads = args.gunicorn_threads or cluster.DEFAULTS["gunicorn_threads"]
    source = "given" if args.gunicorn_workers or args.gunicorn_threads else "the runtime's default"
    return f"gthread {workers} workers x {threads} threads per replica ({source})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="small data set, short runs (development)")
    parser.add_argument("--events", type=int)
    parser.add_argument("--users", type=int)
    parser.add_argument("--participations", type=int)
    parser.add_argument("--duration", type=float, help="seconds per measured run (default 15, small 5)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up before each measurement (default 5, small 2)")
    parser.add_argument("--runs", type=int, help="measured runs per figure, median reported (default 3)")
    parser.add_argument("--conns", type=int, default=16, help="wrk connections for the max-throughput runs")
    parser.add_argument(
        "--gunicorn-workers",
        type=int,
        default=int(os.environ.get("BENCH_GUNICORN_WORKERS", "0")),
        help="Gunicorn processes per replica (default: the runtime's, GUNICORN_WORKERS of cluster.py)",
    )
    parser.add_argument(
        "--gunicorn-threads",
        type=int,
        default=int(os.environ.get("BENCH_GUNICORN_THREADS", "0")),
        help="threads per Gunicorn process (default: the runtime's)",
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--db-name", default="mutiroes_bench")
    parser.add_argument("--broker-db", type=int, default=9)
    parser.add_argument("--cache-db", type=int, default=10)
    parser.add_argument("--state-dir", default=str(ROOT / "var" / "bench-cluster"))
    parser.add_argument("--out", default=str(BENCH / "results"))
    parser.add_argument(
        "--reuse-data", action="store_true", help="keep each database (and its _x10) when it has the same size"
    )
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    parser.add_argument(
        "--only", help="comma list of sections: refs,lists,nearby,storm,auth,replicas,celery,webapp,growth"
    )
    parser.add_argument(
        "--growth-runs", type=int, help="measured runs per figure of the growth section (default 3, small 1)"
    )
    parser.add_argument("--browser-runs", type=int, default=3, help="cold loads of /eventos in Chromium (median)")
    parser.add_argument(
        "--chart", metavar="JSON", help="only draw the chart of a results JSON again (the .png beside it), no bench"
    )
    args = parser.parse_args()
    if args.chart:
        source = Path(args.chart)
        chart(json.loads(source.read_text()), source.with_suffix(".png"))
        log(f"wrote {source.with_suffix('.png')}")
        return 0
    size = dict(SIZES["small" if args.small else "full"])
    for key in size:
        if getattr(args, key):
            size[key] = getattr(args, key)
    args.size = size
    args.duration = args.duration or (5 if args.small else 10)
    args.warmup = args.warmup if args.warmup is not None else (2 if args.small else 3)
    args.runs = args.runs or 3
    args.growth_runs = args.growth_runs or (1 if args.small else 3)
    only = set(args.only.split(",")) if args.only else None
    args.webapp_skipped = ensure_frontend_build() if only is None or "webapp" in only else "not asked (--only)"
    if args.webapp_skipped and (only is None or "webapp" in only):
        log(f"web-app figures skipped: {args.webapp_skipped}")
    args.frontend = args.webapp_skipped is None

    for tool in ("wrk", "nginx", "supervisord", "psql", "redis-cli"):
        if not (shutil.which(tool) or Path("/usr/sbin", tool).exists()):
            raise SystemExit(f"{tool} missing (wrk: apt-get install -y wrk; the rest: make cluster-install)")

    started = dt.datetime.now().astimezone()
    b = Bench(args)
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "size": size,
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "runs": args.runs,
            "conns": args.conns,
            "replicas": 3,
            "gunicorn": gunicorn_sizing(args),
            "celery": "2 workers x 2",
            "growth_runs": args.growth_runs,
            "browser_runs": args.browser_runs,
        },
    }
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report["results"] = {}
    try:
        report["data"] = b.start()
        run_all(b, args, only, report["results"])
    finally:
        b.stop()
        report["finished"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        if "nmin_nginx" in report["results"]:  # partial results are written too
            write_outputs(report, Path(args.out), started, small=args.small)
    return 0


def run_all(b: Bench, args: argparse.Namespace, only: set[str] | None, r: dict) -> dict:
    from urllib.parse import quote

    want = lambda s: only is None or s in only  # noqa: E731
    c = args.conns
    log("tokens for 1000 people")
    tok = b.helper("tokens", "--users", "1000", "--offset", "5000" if args.size["users"] > 6000 else "0")
    tokens, emails = tok["tokens"], tok["emails"]
    r["memory_idle"] = b.memory()

    # ---- SQL queries per request, exact, in-process (Django test client on the bench database)
    rng_points = _points(200)
    nearby_paths = [f"/api/events/?near={quote(f'{lat:.4f},{lng:.4f}')}&radius_km=10" for lat, lng in rng_points]
    spec = [
        "noop anon GET /api/bench/noop/",
        "noop_auth auth GET /api/bench/noop-auth/",
        "list_anon_cached anon GET /api/events/",
        "list_auth auth GET /api/events/",
        f"nearby auth GET {nearby_paths[0]}",
    ]
    queries = b.helper("queries", "--user-id", str(tok["user_ids"][0]), "--paths-file", b.write_lines("q.txt", spec))
    r["queries_per_request"] = queries
    b.flush_cache()

    # ---- 1. references (N_min is measured first and again at the end: drift check)
    noop = NOOP
    r["nmin_nginx"] = b.measure("N_min via nginx", b.internal + noop, conns=c, sample_memory=True, paired=False)
    if want("refs"):
        r["static_nginx"] = b.measure(
            "static via nginx", b.public + "/static/admin/img/icon-yes.svg", conns=c, xff=False, paired=False
        )
        r["nmin_direct"] = b.measure(
            "N_min direct (1 replica)", f"http://127.0.0.1:{b.port + 11}{noop}", conns=c, xff=False, paired=False
        )
    # ---- 2, 3. lists
    if want("lists"):
        # Django's Redis cache alone: any cookie makes nginx's micro-cache step aside.
        r["list_anon_cached"] = b.measure("list anon cached", b.internal + "/api/events/", conns=c, cookie="bench=1")
        # nginx's micro-cache in front of it (one request per second reaches a replica).
        r["list_anon_microcache"] = b.measure(
            "list anon micro-cache", b.internal + "/api/events/", conns=c, threads=2, paired=False
        )
        r["list_auth"] = b.measure(
            "list auth uncached", b.internal + "/api/events/", conns=c, tokens=tokens, sample_memory=True
        )
        r["list_auth_70"] = at_fraction(b, r["list_auth"], 0.7, url=b.internal + "/api/events/", tokens=tokens)
    # ---- 4. nearby
    if want("nearby"):
        r["nearby"] = b.measure("nearby auth", b.internal + "/api/events/", conns=c, tokens=tokens, paths=nearby_paths)
    # ---- 6. authentication
    if want("auth"):
        r["noop_auth"] = b.measure("noop authenticated", b.internal + "/api/bench/noop-auth/", conns=c, tokens=tokens)
        bodies = [json.dumps({"email": e, "password": "bench-senha-forte-2024"}) for e in emails[:200]]
        r["token"] = b.measure(
            "token (login)",
            b.internal + "/api/auth/token/",
            conns=4,
            method="POST",
            bodies=bodies,
            runs=1,
            warmup=0,
            duration=max(b.args.duration, 10),
        )
        if "list_auth_70" not in r:  # `--only auth`: the flood's victim needs its peak and 70% rate
            r["list_auth"] = b.measure("list auth uncached", b.internal + "/api/events/", conns=c, tokens=tokens)
            r["list_auth_70"] = at_fraction(b, r["list_auth"], 0.7, url=b.internal + "/api/events/", tokens=tokens)
        r["login_flood"] = login_flood(b, r, tokens=tokens, bodies=bodies)
    # ---- 5. join storm
    if want("storm"):
        r["join_storm"] = join_storm(b, joiners=500, capacity=100)
    # ---- 7. replicas
    if want("replicas"):
        r["replicas"] = replicas_1_vs_3(b, r, tokens=tokens)
    # ---- 8. celery
    if want("celery"):
        r["celery"] = celery_reminders(b, participants=5000 if args.size["users"] > 6000 else 2000, limit_s=30)
    # ---- target 9: the web app (before the growth section, which moves to another database)
    if want("webapp"):
        r["webapp"] = webapp(b, args, r) if b.frontend else {"skipped": args.webapp_skipped}
    # ---- target 10: cost as the data grows (restarts the cluster on the 10× database)
    if want("growth"):
        r["growth"] = growth(b, args, tokens=tokens, nearby_paths=nearby_paths)
    r["nmin_nginx_end"] = b.measure("N_min via nginx (end)", b.internal + noop, conns=c, paired=False)
    r["memory_after"] = b.memory()
    return r


def at_fraction(b: Bench, peak: dict, fraction: float, **kw: object) -> dict:
    """Closed-loop load at about `fraction` of the peak rate: each of 8 connections pauses between
    requests (wrk's delay()); the pause is derived from the peak and corrected once."""
    conns = 8
    target = peak["rps"] * fraction
    base_ms = max(peak["p50_ms"] * 0.5, 1.0)
    delay = max(conns * 1000 / target - base_ms, 0)
    res = b.wrk(duration=b.args.duration, conns=conns, delay_ms=delay, **kw)  # type: ignore[arg-type]
    if res["rps"] > 0 and abs(res["rps"] / target - 1) > 0.08:
        delay = max(delay + conns * 1000 / target - conns * 1000 / res["rps"], 0)
        res = b.wrk(duration=b.args.duration, conns=conns, delay_ms=delay, **kw)  # type: ignore[arg-type]
    res["target_rps"] = round(target, 1)
    res["fraction_of_peak"] = round(res["rps"] / peak["rps"], 3)
    res["delay_ms"] = round(delay, 1)
    log(f"list auth at {res['fraction_of_peak']:.0%} of peak: {res['rps']:.0f} req/s p99 {res['p99_ms']:.1f} ms")
    return res


def login_flood(b: Bench, r: dict, *, tokens: list[str], bodies: list[str]) -> dict:
    """The authenticated list at the 70% rate, alone and under a login flood (a) from one client on
    the public listener (nginx's 10 r/min auth limit applies) and (b) from many clients through the
    internal listener (no nginx limit: every login costs a password hash). Paired, like the CPU
    figures: each of `--runs` rounds measures the list alone and then under the flood, back to
    back, and the figure is the median of the rounds' own p99 ratios (the list's p99 alone, taken
    once, moved from 29 to 77 ms between two full runs of the same code on this VM)."""
    out: dict = {"baseline_p99_ms": r["list_auth_70"]["p99_ms"]}
    delay = r["list_auth_70"]["delay_ms"]
    victim_url = b.internal + "/api/events/"
    for label, url, xff in (
        ("public_one_client", b.public + "/api/auth/token/", False),
        ("internal_many_clients", b.internal + "/api/auth/token/", True),
    ):
        rounds = []
        for _ in range(b.args.runs):
            alone = b.wrk(victim_url, duration=b.args.duration, conns=8, delay_ms=delay, tokens=tokens)
            flood: dict = {}

            def run_flood(url: str = url, xff: bool = xff, flood: dict = flood) -> None:
                flood.update(
                    b.wrk(
                        url,
                        duration=b.args.duration + 2,
                        conns=4,
                        method="POST",
                        bodies=bodies,
                        xff=xff,
                        elsewhere=True,
                    )
                )

            t = threading.Thread(target=run_flood)
            t.start()
            time.sleep(1)
            victim = b.wrk(victim_url, duration=b.args.duration, conns=8, delay_ms=delay, tokens=tokens)
            t.join()
            rounds.append(
                {
                    "alone_p99_ms": alone["p99_ms"],
                    "list_rps": round(victim["rps"], 1),
                    "list_p99_ms": victim["p99_ms"],
                    "list_p50_ms": victim["p50_ms"],
                    "login_rps": round(flood.get("rps", 0), 1),
                    "login_statuses": flood.get("statuses"),
                    "login_p50_ms": flood.get("p50_ms"),
                    "login_p99_ms": flood.get("p99_ms"),
                    "flood_client_cpu_ms_per_req": round(flood.get("wrk_cpu_ms_per_req", 0), 3),
                    "p99_ratio": round(victim["p99_ms"] / max(alone["p99_ms"], 0.001), 2),
                }
            )
        out[label] = {**sorted(rounds, key=lambda x: x["p99_ratio"])[len(rounds) // 2], "runs": rounds}
        log(
            f"login flood {label}: list p99 alone {[x['alone_p99_ms'] for x in rounds]} ms, flooded "
            f"{[x['list_p99_ms'] for x in rounds]} ms: median ratio {out[label]['p99_ratio']}x, "
            f"logins {out[label]['login_statuses']}"
        )
    out["pass"] = all(out[k]["p99_ratio"] <= 2 for k in ("public_one_client", "internal_many_clients"))
    return out


def replicas_1_vs_3(b: Bench, r: dict, *, tokens: list[str]) -> dict:
    out: dict = {}
    shares = {}
    for key in ("nmin_nginx", "list_auth"):
        if key in r:
            reps = {k: v for k, v in r[key]["replicas"].items() if k.startswith("backend-")}
            total = sum(reps.values()) or 1
            shares[key] = {k: round(v / total, 3) for k, v in sorted(reps.items())}
    out["share_3_replicas"] = shares
    b.cluster("scale-backends", "1")
    time.sleep(2)
    one_nmin = b.measure("N_min via nginx, 1 replica", b.internal + NOOP, conns=b.args.conns, paired=False)
    one_list = b.measure(
        "list auth, 1 replica", b.internal + "/api/events/", conns=b.args.conns, tokens=tokens, paired=False
    )
    b.cluster("scale-backends", "3")
    time.sleep(2)
    out["one_replica"] = {
        "nmin_rps": one_nmin["rps"],
        "list_auth_rps": one_list["rps"],
        "nmin_p99_ms": one_nmin["p99_ms"],
        "list_auth_p99_ms": one_list["p99_ms"],
    }
    out["three_over_one"] = {
        "nmin": round(r["nmin_nginx"]["rps"] / one_nmin["rps"], 3) if "nmin_nginx" in r else None,
        "list_auth": round(r["list_auth"]["rps"] / one_list["rps"], 3) if "list_auth" in r else None,
    }
    within = all(abs(s - 1 / 3) <= 0.1 / 3 for sh in shares.values() for s in sh.values()) and all(
        len(sh) == 3 for sh in shares.values()
    )
    out["share_within_10pct"] = within
    out["pass"] = within and all(v is None or v >= 0.9 for v in out["three_over_one"].values())
    log(f"replicas: 3/1 {out['three_over_one']}, shares {shares}")
    return out


def _points(n: int) -> list[tuple[float, float]]:
    import random

    sys.path.insert(0, str(BENCH))
    from cities import CITIES, CITY_WEIGHTS  # the same cities as the data set

    rng = random.Random(11)
    out = []
    for _ in range(n):
        _, _, lat, lng = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        out.append((lat + rng.uniform(-0.08, 0.08), lng + rng.uniform(-0.08, 0.08)))
    return out


# ====================================================================== growth (issue #12, target 10)
GROWTH_TARGET = 1.2  # CPU per request ÷ N_min's, at 10× the mutirões ÷ the same at 1×: at most
GROWTH_FIGURES = [
    ("list_anon_cached", "event list, anonymous, cached"),
    ("list_auth", "event list, authenticated, uncached"),
    ("nearby", "nearby search"),
    ("join", "join (distinct people and mutirões)"),
]


def growth_size(size: dict, factor: int) -> dict:
    """`factor`× the mutirões and users; participations 4× (20,000 → 200,000 mutirões with
    500,000 → 2,000,000 participations: fewer people per mutirão, as a larger country would have)."""
    return {
        "events": size["events"] * factor,
        "users": size["users"] * factor,
        "participations": size["participations"] * 4,
    }


def growth(b: Bench, args: argparse.Namespace, *, tokens: list[str], nearby_paths: list[str]) -> dict:
    """The same figures at the run's data set and at 10× its mutirões (a second database,
    <db-name>_x10, kept for --reuse-data), each as CPU per request ÷ N_min's in the same cluster."""
    runs, c = args.growth_runs, args.conns
    sizes = [("base", args.size, b.db), ("x10", growth_size(args.size, 10), f"{args.db_name}_x10")]
    out: dict = {"runs": runs, "target": GROWTH_TARGET, "points": {}}
    for label, size, db in sizes:
        if label != "base":
            t0 = time.monotonic()
            out["data_x10"] = b.switch_database(db, size)
            out["data_x10"]["restart_s"] = round(time.monotonic() - t0, 1)
            tokens = b.helper("tokens", "--users", "1000", "--offset", "5000" if size["users"] > 6000 else "0")[
                "tokens"
            ]
        tag = f"[{size['events']}]"
        point: dict = {"size": size, "database": db}
        point["nmin"] = b.measure(f"N_min {tag}", b.internal + NOOP, conns=c, runs=runs, paired=False)
        b.flush_cache()
        # with a cookie, as figure 2's: nginx's micro-cache would answer it without Django (0 ms CPU)
        point["list_anon_cached"] = b.measure(
            f"list anon {tag}", b.internal + "/api/events/", conns=c, runs=runs, cookie="bench=1"
        )
        point["list_auth"] = b.measure(
            f"list auth {tag}", b.internal + "/api/events/", conns=c, runs=runs, tokens=tokens
        )
        point["nearby"] = b.measure(
            f"nearby {tag}", b.internal + "/api/events/", conns=c, runs=runs, tokens=tokens, paths=nearby_paths
        )
        point["join"] = join_load(b, f"join {tag}", tokens=tokens, runs=runs)
        out["points"][label] = point
    base, big = out["points"]["base"], out["points"]["x10"]
    out["figures"] = {}
    for key, label in GROWTH_FIGURES:
        ratios = []
        for point in (base, big):
            ref = point["nmin"]["gunicorn_cpu_ms_per_req"] or float("nan")
            ratios.append(point[key].get("cpu_ratio") or point[key]["gunicorn_cpu_ms_per_req"] / ref)
        g = ratios[1] / ratios[0] if ratios[0] else float("nan")  # nan: no Django CPU at 1× (fails)
        out["figures"][key] = {
            "label": label,
            "cpu_ratio_base": round(ratios[0], 3),
            "cpu_ratio_x10": round(ratios[1], 3),
            "growth": round(g, 3),
            "pass": g <= GROWTH_TARGET,
        }
        log(f"growth {key}: CPU/N_min {ratios[0]:.2f} -> {ratios[1]:.2f} = {g:.2f}x (target <= {GROWTH_TARGET})")
    return out


def join_load(b: Bench, name: str, *, tokens: list[str], runs: int) -> dict:
    """POST /api/events/<id>/join/ at the peak rate. The 1,000 people are split into one group per
    run (and one for the warm-up) of a prime size; wrk cycles a group and up to 997 open mutirões
    (no approval, no minimum age) together, so every (person, mutirão) pair is new: within a run
    (the two lengths share no factor) and across runs (other people). Mutirões any of these people
    already joined (the data set's, or an earlier bench's on a `--reuse-data` database) are left out."""
    people = ",".join(str(_token_user_id(t)) for t in tokens)
    ids = [
        int(x)
        for x in b.psql(
            "SELECT id FROM events_event e WHERE status = 'published' AND visibility = 'public' "
            "AND NOT requires_approval AND min_age = 0 AND registration_deadline > now() + interval '1 day' "
            "AND NOT EXISTS (SELECT 1 FROM events_participation p WHERE p.event_id = e.id "
            f"AND p.user_id IN ({people})) ORDER BY id DESC LIMIT 997"
        ).split()
    ]
    group = _prime_at_most(len(tokens) // (runs + 1))
    width = len(ids) - 1 if len(ids) % group == 0 else len(ids)
    paths = [f"/api/events/{i}/join/" for i in ids[:width]]
    groups = [tokens[k * group : (k + 1) * group] for k in range(runs + 1)]
    body = json.dumps({"accept_waiver": True})
    kw = {"conns": b.args.conns, "paths": paths, "method": "POST", "bodies": [body]}
    if b.args.warmup:
        b.wrk(b.internal + "/", duration=b.args.warmup, tokens=groups[0], **kw)  # type: ignore[arg-type]
    refs, samples = [], []
    for k in range(runs):  # each run paired with an N_min run just before it, as in Bench.measure
        refs.append(b.wrk(b.internal + NOOP, duration=b.args.duration, conns=b.args.conns))
        samples.append(b.wrk(b.internal + "/", duration=b.args.duration, tokens=groups[k + 1], **kw))  # type: ignore[arg-type]
    med = {
        k: round(statistics.median(s[k] for s in samples), 3)
        for k in samples[0]
        if isinstance(samples[0][k], (int, float))
    }
    med["ref_cpu_ms_per_req"] = round(statistics.median(r["gunicorn_cpu_ms_per_req"] for r in refs), 3)
    med["cpu_ratio"] = round(
        statistics.median(
            s["gunicorn_cpu_ms_per_req"] / (r["gunicorn_cpu_ms_per_req"] or float("nan"))
            for s, r in zip(samples, refs, strict=True)
        ),
        3,
    )
    med["statuses"] = _sum_dicts(s["statuses"] for s in samples)
    med["non_2xx_total"] = sum(s["non_2xx"] for s in samples)
    med["mutiroes"] = width
    med["people_per_run"] = group
    log(
        f"{name:<22} {med['rps']:8.1f} req/s  p99 {med['p99_ms']:7.1f} ms  "
        f"cpu {med['gunicorn_cpu_ms_per_req']:.2f} ms/req  statuses {med['statuses']}"
    )
    return med


def _token_user_id(token: str) -> int:
    """The `user_id` claim of an access token this bench got from the API (not verified: ours)."""
    payload = token.split(".")[1]
    return int(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["user_id"])


def _prime_at_most(n: int) -> int:
    return next(k for k in range(max(n, 2), 1, -1) if all(k % d for d in range(2, int(k**0.5) + 1)))


# ====================================================================== the web app (issue #12, target 9)
FRONTEND = ROOT / "mutiroes-frontend"
WEB_TARGETS = {"lcp_ms": 2500, "transfer_kb": 300}


def ensure_frontend_build() -> str | None:
    """Build the web app (`npm ci` when needed, `npm run build`) unless a standalone build newer
    than every source file exists. Returns why the web-app figures are skipped, or None."""
    server = FRONTEND / ".next" / "standalone" / "server.js"
    build_id = FRONTEND / ".next" / "BUILD_ID"
    if server.exists() and build_id.exists():
        built = build_id.stat().st_mtime
        sources = [FRONTEND / "package-lock.json", FRONTEND / "next.config.ts"]
        for folder in ("src", "public"):
            sources.extend(p for p in (FRONTEND / folder).rglob("*") if p.is_file())
        if all(p.stat().st_mtime <= built for p in sources if p.exists()):
            return None
        log("the web app's sources changed since its last build: rebuilding")
    if not shutil.which("npm"):
        return "npm missing: no web-app build"
    steps = [] if (FRONTEND / "node_modules" / ".bin" / "next").exists() else [["npm", "ci", "--no-audit", "--no-fund"]]
    steps.append(["npm", "run", "build"])
    for cmd in steps:
        log(f"web app: {' '.join(cmd)} (mutiroes-frontend)")
        t0 = time.monotonic()
        proc = subprocess.run(cmd, cwd=FRONTEND, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            return f"`{' '.join(cmd)}` failed: {(proc.stdout + proc.stderr)[-1500:]}"
        log(f"web app: {' '.join(cmd)} took {time.monotonic() - t0:.0f} s")
    return None if server.exists() else "npm run build left no .next/standalone/server.js"


def webapp(b: Bench, args: argparse.Namespace, r: dict) -> dict:
    """Anonymous page views through nginx's public listener → the Next server → the API (internal
    listener): /eventos and /eventos/<id>; CPU per page view = Next's + Gunicorn's. Then /eventos
    in Chromium as a mid-range phone on Slow 4G (bench/webvitals.mjs)."""
    ids = b.psql(
        "SELECT id FROM events_event WHERE status = 'published' AND visibility = 'public' ORDER BY id LIMIT 200"
    ).split()
    out: dict = {"list": measure_pages(b, "web /eventos", ["/eventos"])}
    out["detail"] = measure_pages(b, "web /eventos/<id>", [f"/eventos/{i}" for i in ids])
    # one mutirão's page viewed by everyone at once (a link shared in a group): the same load on one page
    out["detail_one"] = measure_pages(b, "web one /eventos/<id>", [f"/eventos/{ids[0]}"])
    ref_cpu = r["nmin_nginx"]["gunicorn_cpu_ms_per_req"] or float("nan")
    for key in ("list", "detail", "detail_one"):
        m = out[key]
        m["server_cpu_ms_per_req"] = round(m["gunicorn_cpu_ms_per_req"] + m.get("frontend_cpu_ms_per_req", 0), 3)
        m["cpu_ratio"] = round(m["server_cpu_ms_per_req"] / ref_cpu, 3)
        m["rps_ratio"] = round(m["rps"] / r["nmin_nginx"]["rps"], 4)
    out["browser"] = browser_vitals(b, args)
    return out


def measure_pages(b: Bench, name: str, paths: list[str]) -> dict:
    """Warm-up, then `runs` closed-loop runs of page views (median of each metric)."""
    if b.args.warmup:
        page_load(b, paths, duration=b.args.warmup)
    samples = [page_load(b, paths, duration=b.args.duration) for _ in range(b.args.runs)]
    med: dict = {
        k: round(statistics.median(s[k] for s in samples), 3) for k in samples[0] if isinstance(samples[0][k], float)
    }
    med["requests"] = sum(s["requests"] for s in samples)
    med["statuses"] = _sum_dicts(s["statuses"] for s in samples)
    med["non_2xx_total"] = sum(v for k, v in med["statuses"].items() if not k.startswith("2"))
    med["runs"] = samples
    log(
        f"{name:<22} {med['rps']:8.1f} views/s  p50 {med['p50_ms']:6.1f}  p99 {med['p99_ms']:7.1f} ms  cpu "
        f"{med['frontend_cpu_ms_per_req']:.1f} + {med['gunicorn_cpu_ms_per_req']:.1f} ms/view  {med['statuses']}"
    )
    return med


def page_load(b: Bench, paths: list[str], *, duration: float) -> dict:
    """Anonymous page views on nginx's public listener from `--conns` Python threads, each a
    keep-alive connection from its own loopback address that moves to a new address every 20
    views: the Next server forwards the browser's address to the API, whose anonymous throttle
    (3000/min per client) would otherwise see one client (wrk cannot choose source addresses)."""
    import http.client

    conns = b.args.conns
    lat: list[list[float]] = [[] for _ in range(conns)]
    statuses: list[dict[str, int]] = [{} for _ in range(conns)]

    def worker(t: int) -> None:
        n, conn = 0, None
        while time.monotonic() < deadline:
            if conn is None or n % 20 == 0:
                if conn is not None:
                    conn.close()
                source = f"127.{100 + t}.{(n // 20) // 250 % 250}.{(n // 20) % 250 + 1}"
                conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=30, source_address=(source, 0))
            path = paths[(n * 7 + t) % len(paths)]
            n += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "text/html", "Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                resp.read()
                status = str(resp.status)
            except OSError:
                status, conn = "0", None
            lat[t].append((time.perf_counter() - t0) * 1000)
            statuses[t][status] = statuses[t].get(status, 0) + 1
        if conn is not None:
            conn.close()

    cpu0 = b.cpu_now()  # before the clock starts: a look-up takes seconds on a busy machine
    t0 = time.monotonic()
    deadline = t0 + duration
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(conns)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    seconds = time.monotonic() - t0
    cpu1 = b.cpu_now()
    values = sorted(v for per in lat for v in per)
    n = max(len(values), 1)
    return {
        "rps": len(values) / seconds,
        "requests": len(values),
        "p50_ms": _pct(values, 50),
        "p95_ms": _pct(values, 95),
        "p99_ms": _pct(values, 99),
        "max_ms": values[-1] if values else 0.0,
        "gunicorn_cpu_ms_per_req": (cpu1["gunicorn"] - cpu0["gunicorn"]) * 1000 / n,
        "frontend_cpu_ms_per_req": (cpu1.get("frontend", 0) - cpu0.get("frontend", 0)) * 1000 / n,
        "nginx_cpu_ms_per_req": (cpu1["nginx"] - cpu0["nginx"]) * 1000 / n,
        "statuses": _sum_dicts(statuses),
    }


def browser_vitals(b: Bench, args: argparse.Namespace) -> dict:
    chromium = os.environ.get("BENCH_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists() or not (FRONTEND / "node_modules" / "playwright-core").exists():
        log("web vitals skipped: no Chromium or no playwright-core in mutiroes-frontend/node_modules")
        return {"skipped": f"needs {chromium} and playwright-core (npm ci in mutiroes-frontend)"}
    cmd = [
        "node",
        str(BENCH / "webvitals.mjs"),
        "--url",
        b.public + "/eventos",
        "--runs",
        str(args.browser_runs),
        "--chromium",
        chromium,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if proc.returncode != 0 or line is None:
        log(f"web vitals failed: {proc.stderr[-1500:]}")
        return {"error": (proc.stdout + proc.stderr)[-3000:]}
    data = json.loads(line[len("BENCH_JSON ") :])
    data["pass"] = {
        "lcp": data["lcp_ms"] is not None and data["lcp_ms"] <= WEB_TARGETS["lcp_ms"],
        "transfer": data["transfer_kb"] <= WEB_TARGETS["transfer_kb"],
    }
    log(f"web vitals /eventos: LCP {data['lcp_ms']} ms, {data['transfer_kb']} kB (median of {args.browser_runs})")
    return data


# ====================================================================== outputs
# Issue #12's targets, judged by server CPU per request as a ratio to N_min's (same run): at most.
JOIN_CPU_TARGET = 4.0  # the join: CPU per join ÷ N_min's, at most
CPU_TARGETS = {
    "list_anon_cached": 1.5,
    "list_auth": 3.0,
    "nearby": 3.5,
    "noop_auth": 1.5,
}
ROWS = [
    ("static_nginx", "1. static file via nginx", None),
    ("nmin_direct", "1. N_min direct (1 replica)", None),
    ("nmin_nginx", "1. N_min via nginx (reference)", None),
    ("list_anon_cached", "2. event list, anonymous, cached", 0.6),
    ("list_anon_microcache", "2. event list, anonymous, nginx micro-cache", 10),
    ("list_auth", "3. event list, authenticated, uncached", 0.25),
    ("list_auth_70", "3. same at ~70% of its peak", None),
    ("nearby", "4. nearby search (near + radius_km)", 0.2),
    ("noop_auth", "6. authenticated no-op (JWT)", 0.5),
    ("token", "6. token (login, password hash)", None),
    ("nmin_nginx_end", "1. N_min via nginx, end of run", None),
]


def table(report: dict) -> str:
    res = report["results"]
    ref = res["nmin_nginx"]["rps"]
    q = res.get("queries_per_request", {})
    ref_cpu = res["nmin_nginx"]["gunicorn_cpu_ms_per_req"] or float("nan")
    lines = [
        "| measurement | CPU ms/req | CPU × N_min | CPU target | req/s | × N_min | target | p50 ms | p95 ms | "
        "p99 ms | SQL q/req | PG xact/req | non-2xx |",
        "|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    qmap = {
        "nmin_nginx": "noop",
        "nmin_direct": "noop",
        "nmin_nginx_end": "noop",
        "list_auth_70": "list_auth",
        "list_anon_microcache": "list_anon_cached",
    }
    for key, label, target in ROWS:
        m = res.get(key)
        if not m:
            continue
        ratio = m["rps"] / ref
        qv = q.get(qmap.get(key, key), {}).get("queries", "–") if key != "static_nginx" else "–"
        tgt = f"≥ {target} {'✅' if ratio >= target else '❌'}" if target else ""
        if key == "list_auth_70":
            tgt = f"p99 ≤ 100 ms {'✅' if m['p99_ms'] <= 100 else '❌'}"
        cpu = m["gunicorn_cpu_ms_per_req"]
        cpu_ratio = m.get("cpu_ratio") or cpu / ref_cpu  # paired with its own N_min runs, where measured so
        cpu_target = CPU_TARGETS.get(key)
        cpu_tgt = f"≤ {cpu_target} {'✅' if cpu_ratio <= cpu_target else '❌'}" if cpu_target else ""
        lines.append(
            f"| {label} | {cpu:.2f} | {cpu_ratio:.2f} | {cpu_tgt} | {m['rps']:.0f} | {ratio:.2f} | {tgt} | "
            f"{m['p50_ms']:.1f} | {m['p95_ms']:.1f} | {m['p99_ms']:.1f} | {qv} | {m['pg_xacts_per_req']:.2f} | "
            f"{m.get('non_2xx_total', m.get('non_2xx', 0))} |"
        )
    out = ["\n".join(lines), ""]
    if s := res.get("join_storm"):
        out.append(
            f"- **5. join storm**: {s['joiners']} people, capacity {s['capacity']}: statuses {s['statuses']}, "
            f"database {s['db']['by_status']} (duplicates {s['db']['duplicates']}, counters match rows: "
            f"{s['db']['counters_match_rows']}), p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms, "
            f"all done in {s['wall_s']} s — {'✅' if s['pass'] else '❌'} (target: 100/400, zero 5xx, p99 ≤ 2 s); "
            f"Gunicorn CPU per join {s['gunicorn_cpu_ms_per_req']} ms"
            + (
                f" = {s['cpu_ratio']:.2f} × N_min (N_min run just before: {s['ref_cpu_ms_per_req']} ms) — "
                f"{'✅' if s['cpu_ratio'] <= JOIN_CPU_TARGET else '❌'} (target ≤ {JOIN_CPU_TARGET})"
                if "cpu_ratio" in s
                else ""
            )
        )
    if f := res.get("login_flood"):
        out.append(
            f"- **6. login flood** (median of the rounds' own ratios, each round the list alone then "
            f"flooded): with one client flooding the public listener {f['public_one_client']['list_p99_ms']:.1f} "
            f"ms against {f['public_one_client'].get('alone_p99_ms', f['baseline_p99_ms']):.1f} ms alone "
            f"({f['public_one_client']['p99_ratio']}×, logins {f['public_one_client']['login_statuses']}); "
            f"with many clients through the internal listener {f['internal_many_clients']['list_p99_ms']:.1f} ms "
            f"against {f['internal_many_clients'].get('alone_p99_ms', f['baseline_p99_ms']):.1f} ms alone "
            f"({f['internal_many_clients']['p99_ratio']}×, {f['internal_many_clients']['login_rps']} logins/s) "
            f"— {'✅' if f['pass'] else '❌'} (target ≤ 2×)"
        )
    if rp := res.get("replicas"):
        out.append(
            f"- **7. replicas**: 3 replicas / 1 replica = {rp['three_over_one']} (target ≥ 0.9); share per "
            f"replica {rp['share_3_replicas']} (within ±10%: {rp['share_within_10pct']}) — "
            f"{'✅' if rp['pass'] else '❌'}"
        )
    if c := res.get("celery"):
        out.append(
            f"- **8. Celery**: {c['emails']} reminder emails drained by 2 workers (×2 processes) in "
            f"{c['drained_s']} s ({c['emails_per_s']} emails/s) — {'✅' if c['pass'] else '❌'} (target ≤ 30 s)"
        )
    mi, ml = res.get("memory_idle"), res.get("list_auth", {}).get("memory_under_load")
    if mi:
        out.append(
            f"- **9. memory** (whole cluster: nginx, {report['settings']['gunicorn']} × 3 replicas, Celery, "
            f"beat, supervisord): idle RSS {mi['total']['rss_mb']:.0f} MB (PSS {mi['total']['pss_mb']:.0f} MB)"
            + (f"; under load RSS {ml['total']['rss_mb']:.0f} MB (PSS {ml['total']['pss_mb']:.0f} MB)" if ml else "")
            + ". PostgreSQL and Redis are the machine's and not counted."
        )
    return "\n".join(out)


def write_outputs(report: dict, out_dir: Path, started: dt.datetime, *, small: bool) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = started.strftime("%Y-%m-%d") + ("-small" if small else "")
    md = table(report) + growth_and_web_sections(report)
    m = report["machine"]
    head = (
        f"# Benchmark {report['started']}\n\nMachine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, "
        f"{m['os']}, PostgreSQL {m['postgresql']}, Redis {m['redis']}, {m['nginx']}, {m['wrk']}.\n"
        f"Data: {report['size']}. Runs: {report['settings']}.\n\n"
    )
    (out_dir / f"{stem}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out_dir / f"{stem}.md").write_text(head + md + "\n")
    try:
        chart(report, out_dir / f"{stem}.png")
    except ImportError:
        log("matplotlib missing (pip install -r bench/requirements.txt): no chart")
    print(head + md)
    log(f"wrote {out_dir / stem}.json, .md, .png")


def chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = report["results"]
    ref = res["nmin_nginx"]["rps"]
    rows = [(label, res[k]["rps"] / ref, t) for k, label, t in ROWS if k in res]
    cpu_rows = cpu_chart_rows(res)
    extra = [k for k in ("growth", "webapp") if k in res and "skipped" not in res[k]]
    heights = [0.45 * len(cpu_rows) + 1.5, 0.5 * len(rows) + 1.5] + [3.2] * len(extra)
    fig, axes = plt.subplots(
        len(heights), 1, figsize=(10, sum(heights)), gridspec_kw={"height_ratios": heights}, squeeze=False
    )
    cpu_panel(
        axes[0][0], cpu_rows, title=f"Mutirões benchmark {report['started'][:10]} ({report['machine']['cores']} cores)"
    )
    axes = axes[1:]
    ax = axes[0][0]
    ratio_bars(ax, rows, at_most=False)
    ax.set_xlabel(f"requests/s as a ratio to N_min via nginx ({ref:.0f} req/s); black ticks = targets")
    ax.set_title("throughput (beside the primary figure; swings with the machine's load)")
    for i, key in enumerate(extra, start=1):
        (growth_panel if key == "growth" else webapp_panel)(axes[i][0], res)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def growth_and_web_sections(report: dict) -> str:
    """Markdown for targets 10 (growth) and 9 (web app), after the main table."""
    res, out = report["results"], []
    if (g := res.get("growth")) and "figures" in g:
        base, big = g["points"]["base"]["size"], g["points"]["x10"]["size"]
        out += [
            "",
            f"### Cost as the data grows (#12 target 10): {base['events']:,} → {big['events']:,} mutirões "
            f"({base['participations']:,} → {big['participations']:,} participations; {g['runs']} run(s) each)",
            "",
            f"| figure | CPU × N_min at {base['events']:,} | CPU × N_min at {big['events']:,} | growth | "
            f"target ≤ {g['target']} | req/s at {base['events']:,} | req/s at {big['events']:,} |",
            "|---|---:|---:|---:|---|---:|---:|",
        ]
        for key, f in g["figures"].items():
            rb, rx = g["points"]["base"][key]["rps"], g["points"]["x10"][key]["rps"]
            out.append(
                f"| {f['label']} | {f['cpu_ratio_base']:.2f} | {f['cpu_ratio_x10']:.2f} | {f['growth']:.2f}× | "
                f"{'✅' if f['pass'] else '❌'} | {rb:.0f} | {rx:.0f} |"
            )
        if d := g.get("data_x10"):
            how = "reused" if d.get("reused") else f"generated in {d.get('seconds')} s"
            out.append(f"\nThe {big['events']:,}-mutirão data set: {how} ({d.get('rows')}).")
    if w := res.get("webapp"):
        out += ["", "### The web app, anonymous (#12 target 9): nginx → Next → API", ""]
        if "skipped" in w:
            out.append(f"Skipped: {w['skipped']}")
        else:
            out += [
                "| page | page views/s | × N_min | CPU ms/view (Next + Gunicorn) | CPU × N_min | p50 ms | p99 ms | "
                "non-2xx |",
                "|---|---:|---:|---|---:|---:|---:|---:|",
            ]
            for key, label in (
                ("list", "/eventos"),
                ("detail", "/eventos/{id}"),
                ("detail_one", "/eventos/{id}, one page"),
            ):
                if key not in w:  # reports made before the one-page figure
                    continue
                m = w[key]
                out.append(
                    f"| {label} | {m['rps']:.1f} | {m['rps_ratio']:.3f} | {m['server_cpu_ms_per_req']:.1f} "
                    f"({m.get('frontend_cpu_ms_per_req', 0):.1f} + {m['gunicorn_cpu_ms_per_req']:.1f}) | "
                    f"{m['cpu_ratio']:.1f} | {m['p50_ms']:.1f} | {m['p99_ms']:.1f} | {m['non_2xx_total']} |"
                )
            br = w.get("browser", {})
            if "lcp_ms" in br:
                out.append(
                    f"\n- **/eventos in Chromium** (390×844 phone, 4× CPU slowdown, DevTools' Slow 4G, cold, "
                    f"median of {br['runs']}): LCP {br['lcp_ms']} ms (target ≤ {WEB_TARGETS['lcp_ms']} "
                    f"{'✅' if br['pass']['lcp'] else '❌'}), transfer {br['transfer_kb']} kB in "
                    f"{br['requests']} requests (target ≤ {WEB_TARGETS['transfer_kb']} "
                    f"{'✅' if br['pass']['transfer'] else '❌'}), FCP {br['fcp_ms']} ms"
                )
            else:
                out.append(f"\n- /eventos in Chromium: not measured ({br.get('skipped') or 'failed, see the JSON'})")
    return "\n" + "\n".join(out) + "\n" if out else ""


def cpu_chart_rows(res: dict) -> list[tuple[str, float, float | None]]:
    """The primary figure: server CPU per request ÷ N_min's (paired where measured so), with #12's
    CPU targets; the join storm's CPU per join among them."""
    ref_cpu = res["nmin_nginx"]["gunicorn_cpu_ms_per_req"] or float("nan")
    rows: list[tuple[str, float, float | None]] = []
    for key, label, _ in ROWS:
        m = res.get(key)
        if key in CPU_TARGETS and m:
            rows.append((label, m.get("cpu_ratio") or m["gunicorn_cpu_ms_per_req"] / ref_cpu, CPU_TARGETS[key]))
    if (s := res.get("join_storm")) and "cpu_ratio" in s:
        rows.append(("5. join storm, per join", s["cpu_ratio"], JOIN_CPU_TARGET))
    return rows


def cpu_panel(ax: Any, rows: list[tuple[str, float, float | None]], *, title: str) -> None:
    ratio_bars(ax, rows, at_most=True)
    ax.set_xlabel("server CPU per request ÷ N_min's (paired runs: the primary figure); black ticks = targets, at most")
    ax.set_title(title)


def ratio_bars(ax: Any, rows: list[tuple[str, float, float | None]], *, at_most: bool) -> None:
    """Horizontal bars of ratios to N_min, a black tick at each target: green when the target holds
    (the value at most the target with `at_most`, at least it otherwise), red when not, grey without one."""
    labels = [r[0] for r in rows][::-1]
    values = [r[1] for r in rows][::-1]
    targets = [r[2] for r in rows][::-1]
    colors = [
        "#999999" if t is None else ("#2e7d32" if (v <= t if at_most else v >= t) else "#c62828")
        for v, t in zip(values, targets, strict=True)
    ]
    ax.barh(labels, values, color=colors)
    for i, t in enumerate(targets):
        if t is not None:
            ax.plot([t, t], [i - 0.4, i + 0.4], color="black", linewidth=2)
    for i, v in enumerate(values):
        ax.text(v + 0.02, i, f"{v:.2f}", va="center", fontsize=8)
    ax.axvline(1.0, color="#555555", linestyle="--", linewidth=1)


def growth_panel(ax: Any, res: dict) -> None:
    """CPU per request ÷ N_min's at 1× and 10× the mutirões, one line per figure."""
    g = res["growth"]
    sizes = [g["points"]["base"]["size"]["events"], g["points"]["x10"]["size"]["events"]]
    for f in g["figures"].values():
        ys = [f["cpu_ratio_base"], f["cpu_ratio_x10"]]
        line = ax.plot(sizes, ys, marker="o", label=f"{f['label']} ({f['growth']:.2f}×)")[0]
        ax.plot(sizes, [ys[0], ys[0] * g["target"]], linestyle=":", color=line.get_color(), linewidth=1)
    ax.set_xscale("log")
    ax.minorticks_off()
    ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
    ax.set_xlabel("mutirões in the database (dotted: the target, ≤ 1.2× the first point)")
    ax.set_ylabel("CPU/request ÷ N_min's")
    ax.set_title("cost as the data grows (#12 target 10)")
    ax.legend(fontsize=8)


def webapp_panel(ax: Any, res: dict) -> None:
    """Web-app page views: CPU per view (Next + Gunicorn) ÷ N_min's; LCP and transfer as text."""
    w = res["webapp"]
    labels = ["/eventos", "/eventos/{id}"]
    values = [w["list"]["cpu_ratio"], w["detail"]["cpu_ratio"]]
    ax.barh(labels, values, color="#555555")
    ax.set_xlim(0, max(values) * 1.3)
    for i, v in enumerate(values):
        rps = w["list" if i == 0 else "detail"]["rps"]
        ax.text(v, i, f" {v:.1f} ({rps:.0f} views/s)", va="center", fontsize=8)
    ax.set_xlabel("server CPU per page view (Next + Gunicorn) ÷ N_min's CPU per request")
    br = w.get("browser", {})
    title = "web app, anonymous (#12 target 9)"
    if "lcp_ms" in br:
        title += (
            f" — Chromium phone, 4× CPU, Slow 4G: LCP {br['lcp_ms']} ms (≤ {WEB_TARGETS['lcp_ms']}), "
            f"{br['transfer_kb']} kB (≤ {WEB_TARGETS['transfer_kb']})"
        )
    ax.set_title(title, fontsize=9)


if __name__ == "__main__":
    raise SystemExit(main())
