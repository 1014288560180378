"""The outbox and email preferences now belong to the `supporters` app.

State only: the tables `actions_outboxemail` and `actions_emailpreference` stay where they
are, with every row, and `supporters.0001_initial` takes them over by `db_table`. Dropping
them here would lose queued emails and people's unsubscribes.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0005_move_officials_to_officials_app"),
        ("supporters", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OutboxEmail"),
                migrations.DeleteModel(name="EmailPreference"),
            ],
            database_operations=[],
        ),
    ]
