"""The environment of Prometheus's multiprocess mode, prepared before prometheus_client loads.

prometheus_client picks its storage when first imported: with PROMETHEUS_MULTIPROC_DIR set, every
process writes its values to files there. A Gunicorn master or a Celery worker's main process
calls this first (gunicorn.conf.py, config/celery.py), so the processes it forks share one
directory. The native cluster names the directory (one per replica or worker); elsewhere a
process given METRICS_PORT gets a fresh temporary one.
"""

import os
import tempfile
from pathlib import Path


def prepare_multiprocess_env() -> None:
    if os.environ.get("METRICS_PORT") and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="mutiroes-metrics-")
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
