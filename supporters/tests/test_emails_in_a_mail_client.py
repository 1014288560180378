"""Every kind of supporter email, read as a mail client reads it: Python's `email` parser
on the bytes that would go over SMTP. Only absolute links in both parts, the right language
tags, a title, the configured sender, and a one-click unsubscribe that does what its scope
says (this case, or everything)."""

import datetime
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from home.models import HavenSettings
from supporters.confirmation import queue_confirmation
from supporters.tests.notifications_helpers import *  # noqa: F403  (fixtures)
from supporters.tests.notifications_helpers import UPDATE_ES, _publish, _supporter
from tests.factories_stories import (
    CaseStoryPageFactory,
    CaseUpdateFactory,
    UrgentActionPageFactory,
    link_action,
    translate_page,
)

pytestmark = pytest.mark.django_db

ROOT = "http://haven.example.org:8443"
VNU_JAR = (
    Path(__file__).resolve().parents[2] / "tests/tooling/node_modules/vnu-jar/build/dist/vnu.jar"
)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.lang, self.title, self._in_title = [], None, "", False
        self.by_text = {}
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "a":
            self._href = attrs.get("href")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._href and data.strip():
            self.by_text[data.strip()] = self._href

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "a":
            self._href = None


def read(message):
    """(parsed message, text part, html part, links in the html) as a mail client sees them."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    links = Links()
    links.feed(html)
    return parsed, text, html, links


def assert_only_absolute_links(text, links):
    for url in links.urls:
        assert url.startswith((ROOT + "/", "mailto:")), url
    for url in re.findall(r"https?://\S+", text):
        assert url.startswith(ROOT + "/"), url
    # No site-relative link left behind in the text part either.
    assert not re.search(r"(?<![\w/:.])/(?:en|es)/", text), text


def vnu_errors(html_documents, tmp_path):
    """Errors of the current Nu Html Checker on these documents ([] when it is not there)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        if os.environ.get("CI"):  # .ci/run installs both: a skipped check is a failure there
            pytest.fail("java or vnu.jar (npm ci --prefix tests/tooling) missing")
        pytest.skip("java or vnu.jar (npm ci --prefix tests/tooling) missing")
    files = []
    for n, html in enumerate(html_documents):
        path = tmp_path / f"email-{n}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(  # noqa: S603 - fixed argv
        # 8 MB stacks: vnu's schema loader overflowed 1 MB ones on some machines.
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    return [m for m in json.loads(result.stderr or '{"messages": []}')["messages"]]


@pytest.fixture
def mailroom(case, spanish, django_capture_on_commit_callbacks):
    """The case with a second, unrelated case; a sender configured in Haven settings; the
    Site served somewhere unusual so a wrong root would show."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "haven.example.org", 8443
    site.save()  # save(), not update(): Wagtail's cached site roots must hear of it
    haven = HavenSettings.for_site(site)
    haven.email_from_name = "Haven Test Network"
    haven.email_reply_to = "help@example.org"
    haven.save()
    update = case["update"]
    update.body = (
        '<p>She is home with her children. <a href="/en/actions/release-rosa/">Thank you'
        "</a> to everyone who acted.</p>"
    )
    update.save()
    other_action = UrgentActionPageFactory(parent=case["actions"][0].get_parent(), slug="other")
    other = CaseStoryPageFactory(parent=case["story"].get_parent(), slug="other", title="Other")
    link_action(other, other_action)
    return {**case, "other": other, "other_action": other_action}


def test_every_email_reads_right_in_a_mail_client(
    mailroom, spanish, django_capture_on_commit_callbacks, tmp_path
):
    action = mailroom["actions"][0]
    ana = _supporter(action, "ana@example.org", language="en")
    lucia = _supporter(action, "lucia@example.org", language="es")
    for response in (ana, lucia):
        response.first_name = "Ana" if response.language == "en" else "Lucía"
        response.page = action
        response.save()
        queue_confirmation(response, action)
    # Publishing the Spanish translation is the first publish that notifies: Lucía reads
    # the update in Spanish, Ana in English.
    translate_page(
        mailroom["story"],
        spanish,
        {
            **UPDATE_ES,
            'She is home with her children. <a id="a1">Thank you</a> to everyone who '
            "acted.": 'Está en casa con sus hijos. <a id="a1">Gracias</a> a todas las '
            "personas que actuaron.",
        },
        django_capture_on_commit_callbacks,
    )
    messages = {(m.to[0], m.subject): m for m in mail.outbox}
    kinds = {
        ("ana@example.org", "en", "confirmation"),
        ("lucia@example.org", "es", "confirmation"),
        ("ana@example.org", "en", "update"),
        ("lucia@example.org", "es", "update"),
    }
    seen, documents = set(), []
    for (to, subject), message in messages.items():
        parsed, text, html, links = read(message)
        language = parsed["Content-Language"]
        kind = "update" if subject.startswith(("Case update", "Novedad")) else "confirmation"
        seen.add((to, language, kind))
        assert links.lang == language, subject
        assert links.title.strip() == subject
        assert parsed["From"] == "Haven Test Network <no-reply@localhost>"
        assert parsed["Reply-To"] == "help@example.org"
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert_only_absolute_links(text, links)
        if kind == "update":
            # The editor's link inside the update survives in both parts, absolute.
            assert any(u.startswith(f"{ROOT}/en/actions/release-rosa/") for u in links.urls)
            assert f"{ROOT}/en/actions/release-rosa/" in text
        documents.append(html)
    assert kinds <= seen, seen
    assert vnu_errors(documents, tmp_path) == []


def _one_click(url):
    """What a mail client does with List-Unsubscribe-Post: a POST with no cookie or token."""
    path = str(url).strip().strip("<>").replace(ROOT, "")
    response = Client(enforce_csrf_checks=True).post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    return response


def _new_update(story, headline):
    CaseUpdateFactory(
        page=story, date=datetime.date(2026, 4, 1), headline=headline, notify_supporters=True
    )
    _publish(story)
    return [m.to[0] for m in mail.outbox if headline in m.subject]


def test_list_unsubscribe_stops_this_case_only_and_the_footer_link_stops_everything(mailroom):
    _supporter(mailroom["actions"][0], "ana@example.org")
    _supporter(mailroom["other_action"], "ana@example.org")
    _publish(mailroom["story"])
    parsed, text, html, links = read(mail.outbox[-1])

    # List-Unsubscribe names this case: one click, and this case goes quiet...
    done = _one_click(parsed["List-Unsubscribe"])
    assert "Rosa" in done.content.decode()
    assert _new_update(mailroom["story"], "Hearing moved") == []
    # ...while the other case she acted on still reaches her.
    assert _new_update(mailroom["other"], "Other news") == ["ana@example.org"]

    # "Stop all emails from us" in the footer (and its text-part twin) stops everything.
    everything = links.by_text["Stop all emails from us"]
    assert everything in text
    _one_click(everything)
    assert _new_update(mailroom["other"], "More news") == []


def test_confirmation_offers_both_scopes_and_names_its_case(mailroom, client):
    action = mailroom["actions"][0]
    response = _supporter(action, "ana@example.org")
    response.page = action
    response.save()
    queue_confirmation(response, action)
    parsed, text, html, links = read(mail.outbox[-1])
    case_link = links.by_text["Stop emails about this case"]
    assert str(parsed["List-Unsubscribe"]).strip() == f"<{case_link}>"
    page = client.get(case_link.replace(ROOT, "")).content.decode()
    assert "Stop emails about Rosa?" in page
    assert "Stop all emails from us" in page
    # The page's own button for this case only (the same scope, chosen on the page).
    client.post(case_link.replace(ROOT, ""), {"scope": "case"})
    assert _new_update(mailroom["story"], "Hearing moved") == []
