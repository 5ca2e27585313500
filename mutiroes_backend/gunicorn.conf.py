"""Gunicorn settings read by every replica (Gunicorn loads ./gunicorn.conf.py by itself; the
command line and GUNICORN_CMD_ARGS set the rest). The Prometheus multiprocess hooks: a fresh
metrics directory when the master starts, the metrics listener beside the app (METRICS_PORT,
never routed by nginx), and a dead worker's files marked as dead. And the drain delay below.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from config.metrics_env import prepare_multiprocess_env

prepare_multiprocess_env()  # before prometheus_client is first imported; the workers inherit it


def on_starting(server):
    from mutiroes.core import metrics

    metrics.multiprocess_dir_reset()


def when_ready(server):
    from mutiroes.core import metrics

    metrics.serve_multiprocess_metrics(log=server.log.info)
    drain_before_stopping(server, float(os.environ.get("GUNICORN_DRAIN_SECONDS", "0")))


def drain_before_stopping(server, seconds: float) -> None:
    """On SIGTERM, keep serving `seconds` more before Gunicorn's graceful stop (which closes the
    listener, then lets in-flight requests finish). For Swarm (deploy/docker/swarm.yml): it takes
    a task's address out of the service's DNS only 2 s before it sends SIGTERM, and nginx keeps an
    address it resolved for up to its resolver's `valid` time; a replica that stopped listening
    at once would refuse the connections nginx still opens to it. 0 (the default): stop at once."""
    if seconds <= 0:
        return
    graceful_stop = server.handle_term  # the arbiter looks its signal handlers up on the instance

    def handle_term() -> None:
        server.log.info("SIGTERM: serving %.0f s more while the load balancer forgets this replica", seconds)
        time.sleep(seconds)
        graceful_stop()

    server.handle_term = handle_term


def child_exit(server, worker):
    from mutiroes.core import metrics

    metrics.process_dead(worker.pid)
