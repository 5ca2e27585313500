"""`manage.py metrics_exporter --port P`: serve the state gauges (mutiroes.monitoring.collectors)
for Prometheus on ADDR:P until stopped. One per deployment (native cluster: the `exporter`
program; Compose: the `mutiroes-exporter` service of the `monitoring` profile)."""

import threading
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.metrics_core import Metric

from mutiroes.monitoring.collectors import StateCollector


class _OneScrapeConnections(StateCollector):
    """Each scrape runs in a thread of its own: its database connection closes with it."""

    def collect(self) -> Iterator[Metric]:
        try:
            yield from super().collect()
        finally:
            connections.close_all()


class Command(BaseCommand):
    help = "Serve the state metrics (outbox, queues, mutirões, disks) for Prometheus."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, required=True)
        parser.add_argument("--addr", default="127.0.0.1")

    def handle(self, *args: Any, port: int, addr: str, **options: Any) -> None:
        registry = CollectorRegistry()
        registry.register(_OneScrapeConnections())
        start_http_server(port, addr=addr, registry=registry)
        self.stdout.write(f"state metrics on http://{addr}:{port}/metrics")
        threading.Event().wait()  # serve until SIGTERM
