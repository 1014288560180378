"""The one source of absolute URLs for every link Haven writes outside a page's own body.

hreflang, og:url, canonical, share links, the sitemap, og:image, email links,
List-Unsubscribe and feed ids all come from here, so they always agree. The root is the
default Wagtail Site record (hostname, port), the same record `Page.get_full_url()` uses;
the request's Host header is never trusted for it (a proxy, a second hostname or a forged
header would otherwise scatter links across addresses). `WAGTAILADMIN_BASE_URL` is only the
fallback before any Site exists.

The demo loader sets the Site from the host and port it is served on (HAVEN_HOST/HAVEN_PORT,
passed by `make demo`), so a demo on another port writes no link to port 8000.
"""

import contextvars
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from wagtail.models import Site

# One lookup of the default Site per request, however many links a page makes absolute
# (set by home.links.RequestMemoMiddleware; outside a request every call asks again).
_request_memo = contextvars.ContextVar("haven_links_memo", default=None)


def default_site():
    memo = _request_memo.get()
    if memo is not None and "site" in memo:
        return memo["site"]
    # The site Wagtail already found for this request, when it is the default one.
    request = memo.get("request") if memo is not None else None
    site = getattr(request, "_wagtail_site", None)
    if site is None or not site.is_default_site:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if memo is not None:
        memo["site"] = site
    return site


class RequestMemoMiddleware:
    """Gives each request its own memo for `default_site`, dropped when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({"request": request})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def site_root_url(site=None):
    """`https://example.org` (no trailing slash) for `site`, else the default Site."""
    site = site or default_site()
    if site is not None:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def request_site_root(request):
    """The root for links written while serving `request`: the Site record Wagtail already
    matched for it (kept on the request, so no query) — its hostname and port, never the
    request's Host header — else the default Site."""
    site = Site.find_for_request(request) if request is not None else None
    return site_root_url(site)


def absolute_url(url, site=None, root=None):
    """Make `url` (a path like `/en/actions/`, or already absolute) absolute on the site.

    Absolute http(s) URLs and other schemes (mailto:, tel:) are returned unchanged;
    fragments and site-relative paths are resolved against the site root.
    """
    if not url:
        return url
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return url
    return urljoin((root or site_root_url(site)) + "/", url)


def page_url(page, request=None):
    """A page's absolute URL: Wagtail's own, rooted at the Site record the page lives under
    (the default Site for a single-site install, like every other link here)."""
    return page.get_full_url(request=request)


def site_domain_and_scheme(site=None):
    """(`host[:port]`, `scheme`) of the site root, for Django's sitemap framework."""
    parts = urlsplit(site_root_url(site))
    return parts.netloc, parts.scheme


_RELATIVE_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])(/(?!/)[^"']*)\2""", re.IGNORECASE)


def absolutise_html(html, site=None):
    """Rich text with every site-relative `href`/`src` made absolute: for feeds and emails,
    which are read away from the site where `/en/…` leads nowhere."""
    if not html:
        return html
    root = site_root_url(site)

    def repl(match):
        attr, quote, path = match.groups()
        return f"{attr}{quote}{root}{path}{quote}"

    return _RELATIVE_ATTR.sub(repl, html)


def tel_url(phone, default_country_code="1"):
    """An E.164 `tel:` link (`tel:+12025550143`) for a number as people type it, or "".

    US numbers come as 10 digits (or 11 with the leading 1); a number typed with `+` is
    already international. Without the country code a phone abroad dials the wrong place.
    """
    if not phone:
        return ""
    digits = re.sub(r"\D", "", str(phone))
    if str(phone).strip().startswith("+"):
        return f"tel:+{digits}" if 8 <= len(digits) <= 15 else ""
    if len(digits) == 10:
        return f"tel:+{default_country_code}{digits}"
    if len(digits) == 11 and digits.startswith(default_country_code):
        return f"tel:+{digits}"
    return ""


def set_default_site_address(host, port):
    """Make the default Site answer as `host:port` (the demo and `make serve` use this)."""
    site = default_site()
    if site is None:
        return None
    host = host.strip("[]") if host not in ("0.0.0.0", "::") else "127.0.0.1"  # noqa: S104
    if (site.hostname, site.port) != (host, int(port)):
        site.hostname, site.port = host, int(port)
        site.save()
    return site


_ANCHOR = re.compile(r"<a\s[^>]*?href=([\"'])(.*?)\1[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(html, site=None):
    """Rich text as the plain-text part of an email: paragraphs kept, and every link
    spelled out absolute after its words ("the action (https://…/en/actions/x/)"), so a
    reader of the text part loses no link."""
    from html import unescape

    from django.utils.html import strip_tags

    if not html:
        return ""

    def spell(match):
        href, words = absolute_url(unescape(match.group(2)), site), strip_tags(match.group(3))
        if href.startswith("mailto:") and href[7:] == words.strip():
            return words
        return f"{words} ({href})" if words.strip() and words.strip() != href else href

    text = _ANCHOR.sub(spell, html)
    text = re.sub(r"<li[^>]*>", "- ", text, flags=re.IGNORECASE)
    text = _BLOCK_END.sub("\n\n", text)
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
