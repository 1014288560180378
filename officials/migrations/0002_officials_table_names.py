"""Give the moved tables, their named index and constraints this app's names.

Renames in place (no copy): PostgreSQL and SQLite (3.26+) keep every row, the id
sequence and the foreign keys of `actions_actiontarget` and the offices. The content
types of the three models are renamed too, so the snippet history, group permissions
and Wagtail's reference index that point at them keep pointing at the same rows.
"""

from django.db import migrations, models

MODELS = ("target", "targetoffice", "zipdistrict")


def _move_content_types(apps, source, destination):
    """Relabel the models' content types (keeping their ids), unless the destination's
    already exist (a database migrated half-way and back): then both are left as they are,
    as Django leaves any stale content type."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        existing = ContentType.objects.filter(app_label=destination, model=model)
        if existing.exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=destination)


def forwards(apps, schema_editor):
    _move_content_types(apps, "actions", "officials")


def backwards(apps, schema_editor):
    _move_content_types(apps, "officials", "actions")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("officials", "0001_initial"),
        # ActionTarget's state must point at officials.Target before the table is renamed.
        ("actions", "0005_move_officials_to_officials_app"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.AlterModelTable(name="target", table=None),
        migrations.AlterModelTable(name="targetoffice", table=None),
        migrations.AlterModelTable(name="zipdistrict", table=None),
        migrations.RenameIndex(
            model_name="target",
            new_name="officials_target_seat_idx",
            old_name="actions_target_seat_idx",
        ),
        migrations.RemoveConstraint(model_name="target", name="actions_target_unique_bioguide_id"),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.UniqueConstraint(
                condition=models.Q(("bioguide_id", ""), _negated=True),
                fields=("bioguide_id",),
                name="officials_target_unique_bioguide_id",
            ),
        ),
        migrations.RemoveConstraint(model_name="zipdistrict", name="actions_zipdistrict_unique"),
        migrations.AddConstraint(
            model_name="zipdistrict",
            constraint=models.UniqueConstraint(
                fields=("zip_code", "state", "district"), name="officials_zipdistrict_unique"
            ),
        ),
    ]
