"""Export or erase everything held about one supporter's email address.

The address is an argument, never logged; erasure is recorded in Wagtail's history
without it.
"""

from django.core.management.base import BaseCommand, CommandError

from supporters.privacy import collect, erase, export_json


class Command(BaseCommand):
    help = "supporter_data export EMAIL | supporter_data erase EMAIL [--yes]"

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, *args, operation, email, yes=False, **options):
        if "@" not in email:
            raise CommandError("Give an email address.")
        if operation == "export":
            self.stdout.write(export_json(email))
            return
        held = collect(email)
        summary = f"{len(held['responses'])} response(s), {len(held['emails'])} email(s)"
        if not yes:
            answer = input(f"Erase {summary}? Type 'erase' to confirm: ")
            if answer.strip() != "erase":
                raise CommandError("Nothing erased.")
        result = erase(email)
        self.stdout.write(
            f"Erased: {result['responses']} response(s) anonymised, "
            f"{result['emails']} email(s) deleted."
        )
