"""Point the default Site at the host and port the site is served on.

Every absolute link Haven writes (hreflang, canonical, share links, sitemap, feeds, emails)
comes from the default Site record (home/links.py), so `make serve PORT=9000` runs this
first and no link points at another port.
"""

from django.core.management.base import BaseCommand, CommandError

from home.links import set_default_site_address


class Command(BaseCommand):
    help = "Set the default Site's hostname and port (where absolute links point)."

    def add_arguments(self, parser):
        parser.add_argument("host")
        parser.add_argument("port", type=int)

    def handle(self, *args, host, port, **options):
        site = set_default_site_address(host, port)
        if site is None:
            raise CommandError("There is no default Site yet: run `make load-demo` first.")
        self.stdout.write(f"Absolute links now point at {site.root_url}/")
