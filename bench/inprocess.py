"""What the in-process CPU measurements (cpu_endpoint.py, cpu_join.py) share: Django set up from
the backend (the current directory when it holds manage.py, else ../mutiroes_backend), rounds timed
on the process's CPU clock, and a cProfile on that clock (waits on Redis and PostgreSQL do not show).
"""

from __future__ import annotations

import cProfile
import io
import logging
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

BACKEND = (
    Path.cwd() if (Path.cwd() / "manage.py").exists() else Path(__file__).resolve().parents[1] / "mutiroes_backend"
)
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()


def quiet() -> None:
    # one log line per request otherwise (set again at each measurement: a later django.setup(),
    # as importing djhelper does, configures logging anew)
    logging.getLogger("mutiroes.request").disabled = True


def cpu_rounds(run: Callable[[], int], rounds: int, unit: str) -> None:
    """Times `rounds` calls of `run` (which returns how many requests it made) and prints the CPU
    milliseconds per request of each round; the minimum is the figure least disturbed by a shared machine."""
    quiet()
    figures = []
    for _ in range(rounds):
        started = time.process_time()
        count = run()
        figures.append((time.process_time() - started) / count * 1000)
    print(f"CPU ms/{unit} {[round(f, 3) for f in figures]} min {min(figures):.3f}")


def cpu_profile(run: Callable[[], int], sort: str, dump: str | None = None) -> None:
    """One more call of `run` under cProfile on the CPU clock: its 50 first lines by `sort`."""
    quiet()
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    run()
    profile.disable()
    if dump:
        profile.dump_stats(dump)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(50)
    print(out.getvalue())
