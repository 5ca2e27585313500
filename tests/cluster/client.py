"""A small HTTP client for the cluster tests: one connection per request (so a reload of
nginx never leaves a half-closed keep-alive connection in a test's way), a chosen loopback
source address (a distinct "client" for nginx's per-address rate limits), and a bounded
load generator."""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    error: str = ""

    def json(self) -> object:
        return json.loads(self.body)


class Client:
    def __init__(self, host: str, port: int, *, source_ip: str | None = None, timeout: float = 15.0) -> None:
        assert host == "127.0.0.1", "cluster tests only talk to loopback"
        self.host, self.port, self.source_ip, self.timeout = host, port, source_ip, timeout

    def request(
        self, method: str, path: str, *, body: bytes | str | dict | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        hdrs = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body)
            hdrs.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=self.timeout, source_address=(self.source_ip, 0) if self.source_ip else None
        )
        try:
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        except (OSError, http.client.HTTPException) as exc:
            return Response(0, {}, b"", error=f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: object = None, **kw) -> Response:
        return self.request("POST", path, body=body, **kw)  # type: ignore[arg-type]


@dataclass
class LoadResult:
    statuses: Counter = field(default_factory=Counter)
    replicas: Counter = field(default_factory=Counter)  # 200s a replica sent for this request
    cached: int = 0  # 200s nginx's micro-cache answered (their X-Replica is the kept answer's)
    errors: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def ok(self) -> int:
        return self.statuses[200]

    @property
    def failed(self) -> int:
        return self.total - self.ok

    def summary(self) -> str:
        return (
            f"{self.total} requests, {self.ok} ok, statuses {dict(self.statuses)}, "
            f"replicas {dict(self.replicas)}, from nginx's cache {self.cached}, first errors {self.errors[:5]}"
        )


class Load:
    """GETs from `threads` threads, rotating over `source_ips`, until stopped or a bound hit.

    Bounded by max_requests and max_seconds whatever happens, and only to 127.0.0.1.
    """

    def __init__(
        self,
        port: int,
        paths: list[str],
        source_ips: list[str],
        *,
        threads: int = 6,
        max_requests: int = 20000,
        max_seconds: float = 120.0,
        pause: float = 0.0,
    ) -> None:
        self.port, self.paths, self.threads = port, paths, threads
        self.ips = itertools.cycle(source_ips)
        self.max_requests, self.max_seconds, self.pause = max_requests, max_seconds, pause
        self.result = LoadResult()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._paths = itertools.cycle(paths)

    def _run(self) -> None:
        deadline = time.monotonic() + self.max_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            with self._lock:
                if self.result.total >= self.max_requests:
                    return
                self.result.total += 1
                ip, path = next(self.ips), next(self._paths)
            r = Client("127.0.0.1", self.port, source_ip=ip).get(path)
            with self._lock:
                self.result.statuses[r.status] += 1
                if r.status == 200 and r.headers.get("x-cache-status") in ("HIT", "UPDATING", "STALE"):
                    self.result.cached += 1
                elif r.status == 200:
                    self.result.replicas[r.headers.get("x-replica", "?")] += 1
                elif len(self.result.errors) < 50:
                    self.result.errors.append(f"{path} -> {r.status} {r.error or r.body[:120]!r}")
            if self.pause:
                time.sleep(self.pause)

    def __enter__(self) -> Load:
        for _ in range(self.threads):
            t = threading.Thread(target=self._run, daemon=True)
            t.start()
            self._workers.append(t)
        return self

    def stop(self) -> LoadResult:
        self._stop.set()
        for t in self._workers:
            t.join(timeout=30)
        return self.result

    def __exit__(self, *exc: object) -> None:
        self.stop()
