"""Load Haven's bilingual demo content, built through the same APIs editors and translators
use. Idempotent: a second run changes nothing.

Each app contributes a `demo` module with a `build(ctx)` function, run in the order below
(home first; officials before actions, whose call steps need them; stories last
because they link to actions).
"""

import importlib
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from translation.builders import Glossary

DEMO_APPS = ["home", "officials", "actions", "stories", "supporters"]


@dataclass
class DemoContext:
    english: Locale
    spanish: Locale
    stdout: object
    data_dir: str
    glossary: Glossary = field(default_factory=Glossary)
    host: str = "127.0.0.1"
    port: int = 8000
    home: object = None
    home_es: object = None
    extra: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = "Load bilingual demo content and create or reset the demo admin login."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not touch demo logins.")
        parser.add_argument(
            "--host",
            default=os.environ.get("HAVEN_HOST", "127.0.0.1"),
            help="Host the demo is served on; every absolute link points there.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("HAVEN_PORT", "8000")),
            help="Port the demo is served on (make demo PORT=9000 passes it).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not os.environ.get("HAVEN_ALLOW_DEMO"):
            raise CommandError(
                "load_demo creates known logins; run it with development settings "
                "(or set HAVEN_ALLOW_DEMO=1 if you really mean it)."
            )
        english = Locale.objects.get_or_create(language_code="en")[0]
        spanish = Locale.objects.get_or_create(language_code="es")[0]
        ctx = DemoContext(
            english=english,
            spanish=spanish,
            stdout=self.stdout,
            data_dir=settings.HAVEN_DATA_DIR,
            host=options["host"],
            port=options["port"],
        )
        # No surrounding transaction: wagtail-localize publishes translations on commit,
        # and a publish deferred until after later pages were added under it would save a
        # stale copy of the tree position (numchild) and hide its children.
        for label in DEMO_APPS:
            module = importlib.import_module(f"{label}.demo")
            module.build(ctx)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded in English and Spanish."))
        if not options["no_users"]:
            self.make_logins(ctx)

    def make_logins(self, ctx):
        from home.links import site_root_url

        root = site_root_url()
        User = get_user_model()
        password = os.environ.get("HAVEN_DEMO_PASSWORD", "haven-demo")
        admin, _ = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org"}
        )
        admin.is_staff = admin.is_superuser = admin.is_active = True
        admin.set_password(password)
        admin.save()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Admin login (editor with every permission):"))
        self.stdout.write(f"  {root}/admin/   user: admin   password: {password}")
        self.make_translation_logins(password, root)
        for line in ctx.extra.get("logins", []):
            self.stdout.write(line)
        from django.conf import settings

        if getattr(settings, "HAVEN_REQUIRE_2FA", True):
            self.stdout.write(
                "Two-step sign-in is required here: at first login, superusers and campaign "
                "managers scan a QR code with an authenticator app."
            )
        else:
            self.stdout.write(
                "Two-step sign-in is off on this development server (HAVEN_REQUIRE_2FA=0); "
                "anyone can turn it on under Account → Two-step sign-in."
            )

    def make_translation_logins(self, password, root):
        """A Spanish translator and an editor who reviews and publishes translations."""
        from django.contrib.auth.models import Group

        from home.roles import EDITORS, TRANSLATORS, ensure_roles

        ensure_roles()
        User = get_user_model()
        for username, group_name, label in [
            (
                "traductora",
                TRANSLATORS,
                "Spanish translator (edits Spanish drafts, cannot publish):",
            ),
            ("editor", EDITORS, "Editor (reviews and publishes translations):"),
        ]:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = user.is_superuser = False
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(self.style.SUCCESS(label))
            self.stdout.write(
                f"  {root}/admin/translation/   user: {username}   password: {password}"
            )
