"""Gunicorn settings read by every replica (Gunicorn loads ./gunicorn.conf.py by itself; the
command line and GUNICORN_CMD_ARGS set the rest). Only the Prometheus multiprocess hooks live
here: a fresh metrics directory when the master starts, the metrics listener beside the app
(METRICS_PORT, never routed by nginx), and a dead worker's files marked as dead.
"""

import sys
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


def child_exit(server, worker):
    from mutiroes.core import metrics

    metrics.process_dead(worker.pid)
