"""The record of emailed case updates now belongs to the `supporters` app.

State only: `stories_notifiedupdate` keeps its rows (without them, republishing a story
would email old updates again) and `supporters.0001_initial` takes it over by `db_table`.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("stories", "0003_notified_updates"),
        ("supporters", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NotifiedUpdate")],
            database_operations=[],
        ),
    ]
