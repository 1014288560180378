"""Letter deliveries learn when the office's mail server accepted them.

Deliveries recorded before this were shown as delivered from the moment they were
queued; they keep that date, so no page changes what it said about them.
"""

from django.db import migrations, models
from django.db.models import F


def keep_what_pages_said(apps, schema_editor):
    LetterDelivery = apps.get_model("actions", "LetterDelivery")
    LetterDelivery.objects.filter(sent_at__isnull=True).update(sent_at=F("delivered_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0012_letter_greeting_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="letterdelivery",
            name="sent_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="sent"),
        ),
        migrations.RunPython(keep_what_pages_said, migrations.RunPython.noop),
    ]
