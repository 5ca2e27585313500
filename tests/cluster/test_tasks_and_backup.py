"""Background work done by a real worker process, and the backup/restore round trip."""

from __future__ import annotations

import time
from pathlib import Path

from . import api
from .conftest import source_ips


def test_welcome_email_is_sent_by_a_worker_process(cluster):
    c = cluster.client(source_ips(1)[0])
    user = api.register(c, name="Iracema")
    mail_dir = cluster.state / "mail"
    deadline = time.monotonic() + 60
    found = []
    while time.monotonic() < deadline and not found:
        found = [p for p in mail_dir.glob("*") if user["email"] in p.read_text(errors="replace")]
        time.sleep(0.5)
    assert found, f"no email to {user['email']} in {mail_dir}"
    # the worker (not the web replica) ran the task
    worker_logs = "".join(p.read_text() for p in (cluster.state / "logs").glob("worker-*.log"))
    assert "notification_email_send" in worker_logs and "succeeded" in worker_logs
    sent = cluster.sql(
        "SELECT count(*) FROM notifications_notification n JOIN users_user u ON u.id = n.user_id "
        f"WHERE u.email = '{user['email']}' AND n.email_status = 'sent'"
    )
    assert sent == "1"


def _counts(cluster, database: str | None = None) -> dict[str, int]:
    tables = cluster.sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", database
    ).split()
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    return {t: int(n) for t, n in (line.split("|") for line in cluster.sql(union, database).splitlines())}


def test_backup_then_restore_into_a_fresh_database(cluster, tmp_path: Path):
    c = cluster.client(source_ips(1)[0])
    organizer = api.register(c)
    api.create_event(c, api.token(c, organizer["email"]))
    time.sleep(2)  # let the welcome email task settle
    before = _counts(cluster)
    cluster.make("backup-db", f"BACKUP_DIR={tmp_path}")
    after = _counts(cluster)
    assert before == after, "the database changed during the backup; counts cannot be compared"
    dumps = list(tmp_path.glob("*.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 0
    fresh = f"{cluster.db_name}_restored"
    try:
        cluster.make("restore-db", f"FILE={dumps[0]}", f"DB={fresh}", "FORCE=1")
        restored = _counts(cluster, fresh)
        assert restored == before
        assert before["users_user"] >= 1 and before["events_event"] >= 1 and before["events_category"] == 10
    finally:
        cluster.sql(f'DROP DATABASE IF EXISTS "{fresh}"', "postgres")


def test_restore_in_place_rolls_the_cluster_database_back(cluster, tmp_path: Path):
    """`make restore-db FILE=…` without DB: the app is stopped, the cluster's own database
    replaced, the app started again and serving."""
    cluster.make("backup-db", f"BACKUP_DIR={tmp_path}")
    dump = next(tmp_path.glob("*.dump"))
    users_at_backup = int(cluster.sql("SELECT count(*) FROM users_user"))
    c = cluster.client(source_ips(1)[0])
    api.register(c)  # a row the restore must take away
    assert int(cluster.sql("SELECT count(*) FROM users_user")) == users_at_backup + 1
    cluster.make("restore-db", f"FILE={dump}", timeout=300)
    assert int(cluster.sql("SELECT count(*) FROM users_user")) == users_at_backup
    assert len(cluster.wait_replicas(3, timeout=90)) == 3
    assert c.get("/api/events/").status == 200
