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

P = ParamSpec("P")
R = TypeVar("R")


def _lower_this_thread() -> None:
    if sys.platform != "linux":  # elsewhere setpriority would lower the whole process
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except OSError:  # a sandbox that refuses it: the work still runs, at the normal priority
        pass


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
