"""Files crawlers, browsers and security researchers ask for at fixed addresses:
/robots.txt (with the sitemap), /favicon.ico and /.well-known/security.txt (RFC 9116).

Every address inside them comes from home.links, like every other link the site writes.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from home.links import absolute_url, default_site

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
# RFC 9116 asks for an Expires under a year ahead; a fixed distance keeps it current.
SECURITY_TXT_LIFETIME = timedelta(days=180)


def _text(body, max_age=3600):
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # The admin and the per-reader steps of an action are of no use in search results.
        "Disallow: /admin/",
        "Disallow: /*/thanks/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return _text("\n".join(lines))


@require_safe
def favicon(request):
    if not FAVICON.exists():
        raise Http404
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def security_contact():
    """Where vulnerability reports go: HAVEN_SECURITY_CONTACT, else the site's contact email."""
    contact = getattr(settings, "HAVEN_SECURITY_CONTACT", "")
    if not contact:
        from home.models import HavenSettings

        site = default_site()
        email = HavenSettings.for_site(site).contact_email if site else ""
        contact = email
    if contact and "@" in contact and ":" not in contact:
        contact = f"mailto:{contact}"
    return contact


@require_safe
def security_txt(request):
    contact = security_contact()
    if not contact:
        raise Http404("No security contact is configured.")
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en, es",
        f"Canonical: {absolute_url(reverse('security_txt'))}",
        "",
    ]
    return _text("\n".join(lines), max_age=86400)
