"""Through a real Varnish (deploy/varnish/haven.vcl) in front of the live server.

The fixture starts Debian's `varnishd` itself; without it these tests are skipped with the
reason on a developer's machine, and fail under CI (CI=true), whose .ci/run installs it.
"""

import html
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from wagtail.models import Page, Site

from tests.actions_helpers import sign_data
from tests.ports import free_port

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "haven.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
MISSING = (
    "varnishd not found: Varnish tests skipped; install Debian's package with "
    "`apt-get install varnish` (.ci/run does)"
)

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _wagtail_tree(transactional_db):
    """Put back the root page, collection and locale a previous flush removed."""
    from django.conf import settings
    from wagtail.models import Collection, Locale

    english = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if not Page.get_root_nodes().exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    if not Collection.get_root_nodes().exists():
        Collection.add_root(name="Root")


@pytest.fixture
def varnish(live_server, home, tmp_path, settings):
    """varnishd in the foreground, its backend the live server; purges go to it."""
    if not Path(VARNISHD).exists():
        if os.environ.get("CI"):  # CI installs Varnish: a missing one is a failure there
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "haven.vcl"
    text = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    # No health probe here: its requests would race the test's own writes on SQLite.
    vcl.write_text(re.sub(r"\.probe = \{.*?\n    \}\n", "", text, flags=re.S))
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own binary and arguments, loopback only
        [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-f",
            str(vcl),
            "-a",
            f"127.0.0.1:{port}",
            "-n",
            str(tmp_path / "varnish"),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("varnishd did not start: " + process.stdout.read().decode())
            time.sleep(0.2)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }
    # Full page URLs (what is purged) name the address readers use: Varnish's.
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=port)
    Site.clear_site_root_paths_cache()
    yield SimpleNamespace(url=url, port=port)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _served_from_cache(headers):
    return headers["X-Cache"] == "HIT" and len(headers["X-Varnish"].split()) == 2


def test_second_anonymous_get_of_a_story_and_an_action_comes_from_the_cache(varnish, site_pages):
    for page in (site_pages.en.story, site_pages.es.action):
        url = varnish.url + page.url
        status, first, _ = fetch(url)
        assert status == 200 and first["X-Cache"] == "MISS"
        time.sleep(1.1)  # let Age grow past zero
        status, second, body = fetch(url, headers={"Cookie": "csrftoken=stale; _ga=1"})
        assert status == 200
        assert _served_from_cache(second), dict(second)
        assert int(second["Age"]) >= 1
        assert html.escape(page.title) in body


def test_a_published_change_is_visible_at_once_in_both_languages(varnish, site_pages):
    en, es = site_pages.en.story, site_pages.es.story
    for page in (en, es):
        fetch(varnish.url + page.url)
        assert _served_from_cache(fetch(varnish.url + page.url)[1])
    # The Spanish page changes without a publish of its own: only the purge of every
    # translation on the English publish can make it show.
    type(es).objects.filter(pk=es.pk).update(title="Rosa, en libertad")
    en.title = "Rosa is free"
    en.save_revision().publish()
    status, headers, body = fetch(varnish.url + en.url)
    assert status == 200 and "Rosa is free" in body and headers["X-Cache"] == "MISS"
    status, headers, body = fetch(varnish.url + es.url)
    assert status == 200 and "Rosa, en libertad" in body
    # The listings showing the story were purged too.
    for listing in (site_pages.en.cases, site_pages.en.home):
        assert "Rosa is free" in fetch(varnish.url + listing.url)[2]


def test_closing_an_action_purges_the_stories_that_link_to_it_and_its_count(varnish, site_pages):
    action, story = site_pages.en.action, site_pages.en.story
    for path in (story.url, action.url, action.url + "count/"):
        fetch(varnish.url + path)
        assert _served_from_cache(fetch(varnish.url + path)[1]), path
    action.status = "closed"
    action.save_revision().publish()
    assert fetch(varnish.url + action.url + "count/")[1]["X-Cache"] == "MISS"
    assert '"open": false' in fetch(varnish.url + action.url + "count/")[2]
    assert fetch(varnish.url + story.url)[1]["X-Cache"] == "MISS"


def test_signing_through_the_cache_needs_no_cookie_and_cross_site_is_refused(
    varnish, site_pages, settings
):
    from urllib.parse import urlencode

    from actions.models import ActionResponse

    settings.ACTIONS_MIN_FILL_SECONDS = 0
    url = varnish.url + site_pages.en.action.url
    status, headers, body = fetch(url)
    assert "Set-Cookie" not in headers
    form = urlencode(sign_data()).encode()
    evil = fetch(url + "sign/", form, {"Origin": "https://evil.example"})
    assert evil[0] == 403
    status, headers, _ = fetch(url + "sign/", form, {"Origin": varnish.url})
    assert status == 303
    assert ActionResponse.objects.count() == 1
