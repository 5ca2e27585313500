"""CPU-heavy work that may wait runs at a lower CPU priority than request handling.

Password hashes (Argon2id) and image decoding are the costliest work a client can ask for, and
each is admitted by nginx at a rate per address. On a few shared cores that admitted work would
otherwise take CPU the other clients' requests are waiting for: their lists and joins would
queue behind a stranger's 12 MP decode. So that work runs on a few threads of the process whose
CPU priority is lowered (Linux `nice` is per thread: the request threads keep theirs): when the
cores are busy, the kernel runs everybody else's request first, and the hash or the image takes
the CPU left over. Only work that runs in C without Python's GIL belongs here (argon2, Pillow's
decoders and resampling); a pure-Python job at a low priority would hold the GIL while the
scheduler leaves it waiting, and stall the process's other threads.

The priority of a thread can be lowered by anyone and raised again only with a privilege, so the
threads are made for this and kept (a request thread is never lowered).

Linux weighs a thread's `nice` only against the threads of its own scheduling group: the
process's autogroup (its session) or its container's cgroup. Against every other group (each
PostgreSQL backend is a session of its own, Redis, the clients) a busy low-priority thread weighs
as much as the whole group, whatever its `nice`. When the runtime gives the process a cgroup of a
low CPU weight (`MUTIROES_LOW_CPU_CGROUP`: a cgroup v1 `cpu` directory, or a cgroup v2 threaded
one), the low-priority threads also join it, and their low weight holds against every process of
the machine; without it, `nice` alone (deploy/native/cluster.py makes one when it may).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from django.utils import translation

# nice 10: a request thread (nice 0) weighs ~9 times as much for the scheduler. Not 19: the
# low-priority threads still hold the GIL for the few Python lines around each C call, and a
# thread starved of CPU while holding it would stall the request threads of its process.
NICENESS = 10
THREADS = 2
CGROUP_ENV = "MUTIROES_LOW_CPU_CGROUP"

P = ParamSpec("P")
R = TypeVar("R")


def _lower_this_thread() -> None:
    if sys.platform != "linux":  # elsewhere setpriority would lower the whole process
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, NICENESS)
    except OSError:  # a sandbox that refuses it: the work still runs, at the normal priority
        pass
    _join_low_cgroup(tid)


def _join_low_cgroup(tid: int) -> None:
    directory = os.environ.get(CGROUP_ENV, "")
    if not directory:
        return
    # cgroup v2 moves one thread through `cgroup.threads` (threaded cgroups only); v1 through `tasks`.
    for name in ("cgroup.threads", "tasks"):
        try:
            fd = os.open(os.path.join(directory, name), os.O_WRONLY)  # never creates a file
        except OSError:
            continue
        try:
            os.write(fd, str(tid).encode())
        except OSError:  # not a threaded cgroup, or not ours to join: nice alone
            pass
        finally:
            os.close(fd)
        return


_pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="low-cpu", initializer=_lower_this_thread)


def run_at_low_priority(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `fn` on a low-priority thread and wait for it; its result or exception is the caller's.
    The caller's language comes along (messages raised inside are translated as usual)."""
    if threading.current_thread().name.startswith("low-cpu"):
        return fn(*args, **kwargs)  # already on one (nested use would wait for itself)
    language = translation.get_language()

    def call() -> R:
        with translation.override(language):
            return fn(*args, **kwargs)

    return _pool.submit(call).result()
