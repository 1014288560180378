import datetime

import django.utils.timezone
from django.db import migrations, models


def spread_existing(apps, schema_editor):
    """Updates written before this field existed get their own date, not the migration's
    time, a second apart in the order they were added so no two share a timestamp."""
    CaseUpdate = apps.get_model("stories", "CaseUpdate")
    zone = django.utils.timezone.get_default_timezone()
    for offset, update in enumerate(CaseUpdate.objects.order_by("date", "pk")):
        base = datetime.datetime.combine(update.date, datetime.time(9))
        update.created_at = django.utils.timezone.make_aware(base, zone) + datetime.timedelta(
            seconds=offset % 3600
        )
        update.save(update_fields=["created_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0004_move_notified_updates_to_supporters"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseupdate",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="written at"
            ),
        ),
        migrations.RunPython(spread_existing, migrations.RunPython.noop),
    ]
