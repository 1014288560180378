"""Take over the outbox, email preference and notified-update tables from actions/stories.

Why state-only: the rows (queued and sent emails, unsubscribes, which updates were
already emailed) must survive the move, so the tables keep their names (`db_table`) and
only Django's idea of which app owns them changes. `actions.0005_move_outbox_to_supporters`
and `stories.0004_move_notified_updates_to_supporters` drop the models from their apps'
state, also without touching the database. The content types are relabelled so that
permissions and history entries follow the models, and tasks already waiting in the
database queue are pointed at the tasks' new module paths (or the worker could not load
them and the emails would never go).
"""

from django.db import migrations, models

MOVED = {
    "outboxemail": "actions",
    "emailpreference": "actions",
    "notifiedupdate": "stories",
}


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, old_label in MOVED.items():
        if ContentType.objects.using(db).filter(app_label="supporters", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=old_label, model=model).update(
            app_label="supporters"
        )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, old_label in MOVED.items():
        if ContentType.objects.using(db).filter(app_label=old_label, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label="supporters", model=model).update(
            app_label=old_label
        )


TASK_PATHS = {
    "actions.mail.send_outbox_email": "supporters.mail.send_outbox_email",
    "actions.privacy.anonymise_daily": "supporters.privacy.anonymise_daily",
}


def repoint_queued_tasks(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    db = schema_editor.connection.alias
    for old, new in TASK_PATHS.items():
        DBTaskResult.objects.using(db).filter(task_path=old).update(task_path=new)


def restore_queued_tasks(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    db = schema_editor.connection.alias
    for old, new in TASK_PATHS.items():
        DBTaskResult.objects.using(db).filter(task_path=new).update(task_path=old)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("actions", "0004_outbox"),
        ("stories", "0003_notified_updates"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EmailPreference",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("digest", models.CharField(max_length=64, unique=True)),
                        ("unsubscribed_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "email preference",
                        "db_table": "actions_emailpreference",
                    },
                ),
                migrations.CreateModel(
                    name="OutboxEmail",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("dedupe_key", models.CharField(max_length=200, unique=True)),
                        ("kind", models.CharField(choices=[("confirmation", "Confirmation"), ("case_update", "Case update")], max_length=20)),
                        ("topic", models.CharField(blank=True, db_index=True, max_length=100)),
                        ("recipient", models.EmailField(max_length=254)),
                        ("recipient_digest", models.CharField(db_index=True, max_length=64)),
                        ("language", models.CharField(max_length=10)),
                        ("subject", models.CharField(max_length=255)),
                        ("body_text", models.TextField()),
                        ("body_html", models.TextField(blank=True)),
                        ("unsubscribe_url", models.URLField(blank=True, max_length=500)),
                        ("status", models.CharField(choices=[("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed"), ("cancelled", "Cancelled")], db_index=True, default="queued", max_length=10)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.CharField(blank=True, max_length=500)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "verbose_name_plural": "outgoing emails",
                        "db_table": "actions_outboxemail",
                        "indexes": [models.Index(fields=["topic", "status"], name="actions_out_topic_e95bff_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="NotifiedUpdate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("update_key", models.UUIDField(unique=True)),
                        ("notified_at", models.DateTimeField(auto_now_add=True)),
                        ("recipients", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "notified case update",
                        "db_table": "stories_notifiedupdate",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
        migrations.RunPython(repoint_queued_tasks, restore_queued_tasks),
    ]
