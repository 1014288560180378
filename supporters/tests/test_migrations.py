"""Upgrading a database from before the supporters app keeps every email, unsubscribe and
"already notified" marker, and the worker can still run the tasks waiting in the queue."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("actions", "0004_outbox"),
    ("stories", "0003_notified_updates"),
    ("supporters", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as the database now stands (what applied migrations describe).
    executor = MigrationExecutor(connection)
    return executor._create_project_state(with_applied_migrations=True).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_moving_the_tables_to_supporters_keeps_every_row():
    old = _migrate(BEFORE)
    OldOutbox = old.get_model("actions", "OutboxEmail")
    OldPreference = old.get_model("actions", "EmailPreference")
    OldNotified = old.get_model("stories", "NotifiedUpdate")
    DBTaskResult = old.get_model("django_tasks_database", "DBTaskResult")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="actions", model="outboxemail")

    queued = OldOutbox.objects.create(
        dedupe_key="confirm:1",
        kind="confirmation",
        topic="confirm:x",
        recipient="ana@example.org",
        recipient_digest="a" * 64,
        language="es",
        subject="Gracias",
        body_text="Gracias por firmar.",
    )
    sent = OldOutbox.objects.create(
        dedupe_key="update:1:b",
        kind="case_update",
        topic="update:1",
        recipient="luis@example.org",
        recipient_digest="b" * 64,
        language="en",
        subject="Case update",
        body_text="Released.",
        status="sent",
        attempts=2,
    )
    OldPreference.objects.create(digest="b" * 64)
    key = uuid.uuid4()
    OldNotified.objects.create(update_key=key, recipients=7)
    DBTaskResult.objects.create(
        task_path="actions.mail.send_outbox_email",
        args_kwargs={"args": [queued.pk], "kwargs": {}},
        queue_name="default",
        backend_name="email",
        priority=0,
        run_after=timezone.now(),
        status="READY",
        exception_class_path="",
        traceback="",
    )

    new = _migrate(_leaves())
    Outbox = new.get_model("supporters", "OutboxEmail")
    Preference = new.get_model("supporters", "EmailPreference")
    Notified = new.get_model("supporters", "NotifiedUpdate")

    rows = {e.pk: e for e in Outbox.objects.all()}
    assert set(rows) == {queued.pk, sent.pk}
    assert rows[queued.pk].body_text == "Gracias por firmar." and rows[queued.pk].status == "queued"
    assert rows[sent.pk].status == "sent" and rows[sent.pk].attempts == 2
    assert list(Preference.objects.values_list("digest", flat=True)) == ["b" * 64]
    assert Notified.objects.get(update_key=key).recipients == 7
    # The waiting task now names the new module, so the worker can import it.
    task = new.get_model("django_tasks_database", "DBTaskResult").objects.get()
    assert task.task_path == "supporters.mail.send_outbox_email"
    ct = new.get_model("contenttypes", "ContentType")
    assert ct.objects.filter(app_label="supporters", model="outboxemail").exists()
    assert not ct.objects.filter(app_label="actions", model="outboxemail").exists()
