"""Waiting for a condition and finding a free port: the one copy that the cluster runner and every
test suite use (tests/cluster, tests/chaos, the backend's worker tests). Standard library only."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float, interval: float = 0.2) -> T:
    """Call `predicate` until it returns something truthy or `timeout` seconds pass; return its
    last answer (falsy on timeout). Never a fixed sleep: it returns as soon as the condition holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
