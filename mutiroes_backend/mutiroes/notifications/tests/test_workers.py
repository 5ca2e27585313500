"""Real Redis, real `celery -A config worker` (and beat) processes, the file email backend.

The test process joins through the API (its after-commit enqueue publishes to Redis);
workers read the pytest database (committed rows: `transaction=True`) and write emails
into a temporary directory. Each test uses its own queue name, so nothing here touches
other Celery users of the machine's Redis. Every wait is bounded.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from kombu import pools as kombu_pools

from config.celery import app as celery_app
from mutiroes.notifications.models import Notification

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BACKEND_DIR = Path(settings.BASE_DIR)
# The one wait_until / free_port of every suite (deploy/native/waiting.py, standard library only).
sys.path.insert(0, str(BACKEND_DIR.parent / "deploy" / "native"))
from waiting import free_port, wait_until  # noqa: E402


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def machine_redis_broker() -> str:
    """The machine's Redis (the one the suite uses), in the database next to the test cache's."""
    parsed = urlparse(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    db = int(parsed.path.strip("/") or 0)
    return parsed._replace(path=f"/{db - 1 if db else 1}").geturl()


def messages_in(mail_dir: Path) -> list[str]:
    """Every email the file backend wrote, one string each."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        parts = path.read_text().split("-" * 79)
        messages.extend(part for part in parts if "Message-ID:" in part)
    return messages


class Processes:
    """Celery processes started by a test; all are killed at teardown."""

    def __init__(self, tmp_path: Path, broker_url: str, queue: str) -> None:
        self.tmp_path = tmp_path
        self.broker_url = broker_url
        self.queue = queue
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.started: list[subprocess.Popen] = []

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "NOTIFICATIONS_", "PYTEST_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.base",
            DJANGO_SECRET_KEY="worker-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            DATABASE_URL=database_url(),
            DJANGO_CONN_MAX_AGE="0",
            CELERY_BROKER_URL=self.broker_url,
            CELERY_TASK_DEFAULT_QUEUE=self.queue,
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            DJANGO_LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def start(self, kind: str, name: str, **extra: str) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        if kind == "worker":
            args = ["worker", "-c", "1", "-Q", self.queue, "-n", f"{name}-{uuid.uuid4().hex[:6]}@%h"]
            args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        else:
            args = ["beat", "--schedule", str(self.tmp_path / f"{name}-schedule"), "--max-interval", "1"]
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
                [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel", "INFO"],
                cwd=BACKEND_DIR,
                env=self.env(**extra),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: SIGKILL reaches the pool children too
            )
        process.log = log  # type: ignore[attr-defined]
        self.started.append(process)
        if kind == "worker":
            assert wait_until(lambda: "ready." in log.read_text(), 60), f"timed out waiting for {name} to be ready"
        return process

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill(process)


def _reset_producers() -> None:
    kombu_pools.reset()  # close and forget every pooled broker connection and producer
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)  # rebuilt with the current queues and producer pool


@pytest.fixture
def publish_to() -> Iterator[Callable[[str, str], None]]:
    """Make this process publish for real (not eagerly) to a broker and queue."""
    keys = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}

    def configure(broker_url: str, queue: str) -> None:
        celery_app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
        _reset_producers()

    yield configure
    celery_app.conf.update(saved)
    _reset_producers()


@pytest.fixture
def machine_redis(tmp_path, publish_to) -> Iterator[Processes]:
    queue = f"test-notifications-{uuid.uuid4().hex[:8]}"
    processes = Processes(tmp_path, machine_redis_broker(), queue)
    publish_to(processes.broker_url, queue)
    yield processes
    processes.stop_all()
    import redis

    redis.Redis.from_url(processes.broker_url).delete(queue)


def join(client, event):
    return client.post(f"/api/events/{event.id}/join/", {}, format="json")


def row_is_locked(notification_id: int) -> bool:
    try:
        with transaction.atomic():
            list(Notification.objects.select_for_update(nowait=True).filter(pk=notification_id))
    except DatabaseError:
        return True
    return False


def test_a_join_produces_exactly_one_email_from_a_worker(machine_redis, client_for, user, event):
    machine_redis.start("worker", "worker1")
    response = join(client_for(user), event)
    assert response.status_code == 201
    notification = Notification.objects.get(user=user)
    assert wait_until(lambda: messages_in(machine_redis.mail_dir), 30), "timed out waiting for the email"
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    time.sleep(1)  # nothing else arrives
    [message] = messages_in(machine_redis.mail_dir)
    assert "To: volunteer@exemplo.com.br" in message
    assert f"<notificacao-{notification.id}." in message


def test_worker_killed_mid_send_delivers_exactly_once(machine_redis, client_for, user, event, settings):
    from mutiroes.notifications.services import outbox_sweep
    from mutiroes.notifications.tasks import notification_email_send

    slow = machine_redis.start(
        "worker", "slow", DJANGO_EMAIL_BACKEND="mutiroes.notifications.tests.slow_mail.SlowEmailBackend"
    )
    assert join(client_for(user), event).status_code == 201
    notification = Notification.objects.get(user=user)
    # The worker holds the row lock while it "talks to the mail server": kill it there.
    assert wait_until(lambda: row_is_locked(notification.id), 30), "timed out waiting for the worker to claim the row"
    machine_redis.kill(slow)
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.PENDING  # the claim was rolled back
    assert notification.email_attempts == 0
    assert messages_in(machine_redis.mail_dir) == []

    machine_redis.start("worker", "fresh")
    # The message is unacknowledged in Redis until the visibility timeout; the outbox sweep
    # (beat, every minute) does not wait that long.
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "SWEEP_AFTER_SECONDS": 0}
    assert outbox_sweep()["notifications"] == 1
    assert wait_until(lambda: messages_in(machine_redis.mail_dir), 30), (
        "timed out waiting for the email after the restart"
    )
    # When Redis finally redelivers the killed worker's message, nothing is sent twice.
    notification_email_send.delay(notification_id=notification.id)
    assert wait_until(lambda: "'not pending'" in (machine_redis.tmp_path / "fresh.log").read_text(), 30), (
        "timed out waiting for the redelivered task to finish"
    )
    assert len(messages_in(machine_redis.mail_dir)) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_attempts == 1


@pytest.fixture
def throwaway_redis(tmp_path) -> Iterator[Callable[[], None]]:
    """A redis-server of our own on a free port (never the machine's), with start/stop."""
    port = free_port()
    state: dict[str, subprocess.Popen | None] = {"process": None}

    def start() -> None:
        command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        state["process"] = process

        def answers() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    return sock.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        assert wait_until(answers, 10), "timed out waiting for redis-server to answer"

    def stop() -> None:
        process = state["process"]
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)

    start()
    start.port = port  # type: ignore[attr-defined]
    start.stop = stop  # type: ignore[attr-defined]
    yield start
    stop()


def test_redis_down_during_a_join_then_the_email_arrives_when_it_returns(
    throwaway_redis, publish_to, tmp_path, client_for, user, event
):
    queue = f"test-notifications-{uuid.uuid4().hex[:8]}"
    processes = Processes(tmp_path, f"redis://127.0.0.1:{throwaway_redis.port}/0", queue)
    publish_to(processes.broker_url, queue)
    try:
        # Beat sends the sweep every second; the worker running it re-enqueues what is pending after 1 s.
        processes.start("worker", "worker", NOTIFICATIONS_SWEEP_AFTER_SECONDS="1")
        processes.start("beat", "beat", NOTIFICATIONS_SWEEP_INTERVAL_SECONDS="1")
        throwaway_redis.stop()

        started = time.monotonic()
        response = join(client_for(user), event)
        elapsed = time.monotonic() - started
        assert response.status_code == 201
        assert elapsed < 5, f"the join took {elapsed:.1f}s with Redis down"
        notification = Notification.objects.get(user=user)
        assert notification.email_status == Notification.EmailStatus.PENDING
        time.sleep(2)
        assert messages_in(processes.mail_dir) == []

        throwaway_redis()  # Redis is back (empty: the join's message was never published)
        assert wait_until(lambda: messages_in(processes.mail_dir), 90), (
            "timed out waiting for the email after Redis returned"
        )
        time.sleep(3)  # further sweeps find nothing pending
        assert len(messages_in(processes.mail_dir)) == 1
        notification.refresh_from_db()
        assert notification.email_status == Notification.EmailStatus.SENT
    finally:
        processes.stop_all()
