"""`manage.py import_zip_districts PATH_OR_URL`: refresh the ZIP → congressional district
table from a `zccd.csv`-style file."""

from django.core.management.base import BaseCommand, CommandError

from officials.importers import DataImportError, import_zip_districts, zip_summary


class Command(BaseCommand):
    help = (
        "Import the ZIP code to congressional district table "
        "(CSV with columns state_fips,state_abbr,zcta,cd; path or URL). "
        "Run import_officials first so vacant seats are reported correctly."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="zccd.csv (path or URL)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Apply even when the file is much smaller than the loaded table.",
        )

    def handle(self, *args, source, force=False, **options):
        try:
            report = import_zip_districts(source, force=force)
        except DataImportError as exc:
            raise CommandError(str(exc)) from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(zip_summary(report)))
