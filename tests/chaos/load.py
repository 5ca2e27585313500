"""Mixed load for the chaos tests: 80 % GETs, 20 % joins, every request timed.

Joins come from a queue of (event id, access token) pairs prepared before the fault, each used
once, so a join can only be applied once by design and any duplicate would be the system's.
Bounded by time and by count whatever happens; only 127.0.0.1.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from dataclasses import dataclass, field

from cluster.client import Client


@dataclass
class Outcome:
    kind: str  # "get" or "join"
    path: str
    status: int
    seconds: float
    started: float  # time.monotonic() when sent
    body: bytes
    error: str
    event_id: int = 0


@dataclass
class MixedResult:
    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == kind]

    def statuses(self, kind: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for o in self.of(kind):
            counts[o.status] = counts.get(o.status, 0) + 1
        return counts

    def slowest(self, kind: str | None = None) -> float:
        return max((o.seconds for o in self.outcomes if kind in (None, o.kind)), default=0.0)

    def summary(self) -> str:
        bad = [
            f"{o.kind} {o.path} -> {o.status} {o.error or o.body[:160]!r}"
            for o in self.outcomes
            if o.status not in (200, 201)
        ][:8]
        return (
            f"gets {self.statuses('get')}, joins {self.statuses('join')}, slowest get "
            f"{self.slowest('get'):.2f}s, slowest join {self.slowest('join'):.2f}s, first failures {bad}"
        )


class MixedLoad:
    def __init__(
        self,
        port: int,
        get_paths: list[str],
        joins: list[tuple[int, str]],
        source_ips: list[str],
        *,
        threads: int = 4,
        pause: float = 0.05,
        max_seconds: float = 120.0,
        timeout: float = 15.0,
    ) -> None:
        self.port, self.threads, self.pause, self.max_seconds, self.timeout = port, threads, pause, max_seconds, timeout
        self.gets = itertools.cycle(get_paths)
        self.joins: queue.Queue[tuple[int, str]] = queue.Queue()
        for pair in joins:
            self.joins.put(pair)
        self.ips = itertools.cycle(source_ips)
        self.result = MixedResult()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ops = itertools.cycle(["get", "get", "get", "get", "join"])
        self._workers: list[threading.Thread] = []

    def _one(self) -> None:
        with self._lock:
            op, ip = next(self._ops), next(self.ips)
            path = next(self.gets)
        client = Client("127.0.0.1", self.port, source_ip=ip, timeout=self.timeout)
        event_id = 0
        t0 = time.monotonic()
        if op == "join":
            try:
                event_id, access = self.joins.get_nowait()
            except queue.Empty:
                op = "get"
        if op == "join":
            path = f"/api/events/{event_id}/join/"
            r = client.post(
                path, {"emergency_contact": "Mãe 11 99999-0000"}, headers={"Authorization": f"Bearer {access}"}
            )
        else:
            r = client.get(path)
        outcome = Outcome(op, path, r.status, time.monotonic() - t0, t0, r.body, r.error, event_id)
        with self._lock:
            self.result.outcomes.append(outcome)

    def _run(self) -> None:
        deadline = time.monotonic() + self.max_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            self._one()
            time.sleep(self.pause)

    def __enter__(self) -> MixedLoad:
        for _ in range(self.threads):
            t = threading.Thread(target=self._run, daemon=True)
            t.start()
            self._workers.append(t)
        return self

    def stop(self) -> MixedResult:
        self._stop.set()
        for t in self._workers:
            t.join(timeout=self.timeout + 15)
        return self.result

    def __exit__(self, *exc: object) -> None:
        self.stop()
