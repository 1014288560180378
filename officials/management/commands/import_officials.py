"""`manage.py import_officials PATH_OR_URL`: refresh members of Congress from the
congress-legislators files."""

from django.core.management.base import BaseCommand, CommandError

from officials.importers import DataImportError, import_officials, officials_summary


class Command(BaseCommand):
    help = (
        "Import current members of Congress from a congress-legislators "
        "legislators-current file (YAML or JSON, path or URL) and its district offices."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="legislators-current.yaml or .json (path or URL)")
        parser.add_argument(
            "--offices",
            help="legislators-district-offices file (default: the one beside SOURCE)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Apply even when the file would retire more than half of the members.",
        )

    def handle(self, *args, source, offices=None, force=False, **options):
        try:
            report = import_officials(source, offices, force=force)
        except DataImportError as exc:
            raise CommandError(str(exc)) from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(officials_summary(report)))
