"""Targets, their offices and the ZIP table now belong to the `officials` app.

State only: officials 0001 took the models (on the same tables) into its own state, so
here `actions` forgets them and its chosen officials (`ActionTarget.target`) point at
`officials.Target`. No row is read or written; the column and its foreign key stay as they
are. officials 0002, which depends on this, renames the tables.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0004_outbox"),
        ("officials", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="actiontarget",
                    name="target",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="officials.target",
                        verbose_name="official",
                    ),
                ),
                migrations.DeleteModel(name="TargetOffice"),
                migrations.DeleteModel(name="Target"),
                migrations.DeleteModel(name="ZipDistrict"),
            ],
            database_operations=[],
        ),
    ]
