"""Officials move here from `actions`: the models enter this app's state only.

The tables already exist (created by actions 0002_officials), so nothing touches the
database here: `SeparateDatabaseAndState` creates the models in this app's state with the
tables' current names (`db_table`), and actions 0005 removes them from its own state.
0002 then gives the tables this app's names, in the database too. Two steps rather than a
permanent `db_table = "actions_target"` because a newcomer reading the database should
find an official in `officials_*`, and Django renames a table in place (rows, sequence and
the foreign keys that point at it all follow) on PostgreSQL and on SQLite.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The migration that created the tables in the database.
        ("actions", "0002_officials"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Target',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bioguide_id', models.CharField(blank=True, help_text="Congress's stable identifier. Filled in by the import for members of Congress; leave blank for your own targets.", max_length=16, verbose_name='Bioguide ID')),
                        ('chamber', models.CharField(choices=[('senate', 'Senate'), ('house', 'House of Representatives'), ('other', 'Other')], default='other', max_length=10, verbose_name='chamber')),
                        ('title', models.CharField(help_text='For example "Governor" or "Field Office Director".', max_length=100, verbose_name='title')),
                        ('first_name', models.CharField(blank=True, max_length=100, verbose_name='first name')),
                        ('last_name', models.CharField(blank=True, max_length=100, verbose_name='last name')),
                        ('full_name', models.CharField(help_text='As it should be shown to readers.', max_length=200, verbose_name='full name')),
                        ('party', models.CharField(blank=True, max_length=50, verbose_name='party')),
                        ('state', models.CharField(blank=True, choices=[('AL', 'Alabama'), ('AK', 'Alaska'), ('AS', 'American Samoa'), ('AZ', 'Arizona'), ('AR', 'Arkansas'), ('CA', 'California'), ('CO', 'Colorado'), ('CT', 'Connecticut'), ('DE', 'Delaware'), ('DC', 'District of Columbia'), ('FL', 'Florida'), ('GA', 'Georgia'), ('GU', 'Guam'), ('HI', 'Hawaii'), ('ID', 'Idaho'), ('IL', 'Illinois'), ('IN', 'Indiana'), ('IA', 'Iowa'), ('KS', 'Kansas'), ('KY', 'Kentucky'), ('LA', 'Louisiana'), ('ME', 'Maine'), ('MD', 'Maryland'), ('MA', 'Massachusetts'), ('MI', 'Michigan'), ('MN', 'Minnesota'), ('MS', 'Mississippi'), ('MO', 'Missouri'), ('MT', 'Montana'), ('NE', 'Nebraska'), ('NV', 'Nevada'), ('NH', 'New Hampshire'), ('NJ', 'New Jersey'), ('NM', 'New Mexico'), ('NY', 'New York'), ('NC', 'North Carolina'), ('ND', 'North Dakota'), ('MP', 'Northern Mariana Islands'), ('OH', 'Ohio'), ('OK', 'Oklahoma'), ('OR', 'Oregon'), ('PA', 'Pennsylvania'), ('PR', 'Puerto Rico'), ('RI', 'Rhode Island'), ('SC', 'South Carolina'), ('SD', 'South Dakota'), ('TN', 'Tennessee'), ('TX', 'Texas'), ('VI', 'U.S. Virgin Islands'), ('UT', 'Utah'), ('VT', 'Vermont'), ('VA', 'Virginia'), ('WA', 'Washington'), ('WV', 'West Virginia'), ('WI', 'Wisconsin'), ('WY', 'Wyoming')], max_length=2, verbose_name='state')),
                        ('district', models.PositiveSmallIntegerField(blank=True, help_text='House district; 0 for an at-large seat or a delegate.', null=True, verbose_name='district')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, help_text='Only for your own targets; members of Congress use contact forms.', max_length=254, verbose_name='email')),
                        ('office_address', models.CharField(blank=True, max_length=255, verbose_name='office address')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('contact_form_url', models.URLField(blank=True, verbose_name='contact form URL')),
                        ('term_start', models.DateField(blank=True, null=True, verbose_name='term start')),
                        ('term_end', models.DateField(blank=True, null=True, verbose_name='term end')),
                        ('is_current', models.BooleanField(default=True, help_text='Only current targets are offered to readers and editors.', verbose_name='current')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'target',
                        'verbose_name_plural': 'targets',
                        'db_table': 'actions_target',
                        'ordering': ['state', 'chamber', 'district', 'last_name', 'first_name'],
                        'indexes': [models.Index(fields=['state', 'chamber', 'district', 'is_current'], name='actions_target_seat_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('bioguide_id', ''), _negated=True), fields=('bioguide_id',), name='actions_target_unique_bioguide_id')],
                    },
                ),
                migrations.CreateModel(
                    name='TargetOffice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('source_id', models.CharField(blank=True, help_text='Set by the import.', max_length=100, verbose_name='source ID')),
                        ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                        ('state', models.CharField(blank=True, max_length=2, verbose_name='state')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('suite', models.CharField(blank=True, max_length=100, verbose_name='suite')),
                        ('building', models.CharField(blank=True, max_length=200, verbose_name='building')),
                        ('zip_code', models.CharField(blank=True, max_length=10, verbose_name='ZIP code')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('target', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='offices', to='officials.target')),
                    ],
                    options={
                        'verbose_name': 'local office',
                        'verbose_name_plural': 'local offices',
                        'db_table': 'actions_targetoffice',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ZipDistrict',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('zip_code', models.CharField(max_length=5, verbose_name='ZIP code')),
                        ('state', models.CharField(max_length=2, verbose_name='state')),
                        ('district', models.PositiveSmallIntegerField(verbose_name='district')),
                    ],
                    options={
                        'verbose_name': 'ZIP code district',
                        'verbose_name_plural': 'ZIP code districts',
                        'db_table': 'actions_zipdistrict',
                        'constraints': [models.UniqueConstraint(fields=('zip_code', 'state', 'district'), name='actions_zipdistrict_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
