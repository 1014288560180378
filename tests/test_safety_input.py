"""Clean input everywhere: no public URL answers 5xx, whatever the query string or form
holds (NUL bytes, huge values, invalid UTF-8), on PostgreSQL, which refuses NUL outright;
and one e-mail validator refuses addresses no one can deliver to."""

import pytest
from django.db import connection
from django.test import Client

from actions.forms import started_token
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory
from tests.factories_stories import CaseIndexPageFactory, CaseStoryPageFactory

pytestmark = pytest.mark.django_db

QUERY_STRINGS = {
    "nul": "q=%00&page=%00&zip=%00&target=%00&format=%00",
    "nul-in-name": "%00=1&q%00=x",
    "huge": "q=" + "a" * 8000 + "&page=" + "9" * 400,
    "invalid-utf8": "q=%FF%FE%ED%A0%80&zip=%C0%AF&page=%E2%82",
}
# Percent-encoded as a browser (or a bot) would send them in a form body.
FORM_VALUES = {
    "nul": "Ana%00P%C3%A9rez",
    "huge": "x" * 100_000,
    "invalid-utf8": "%FF%FE%ED%A0%80%C0%AF",
}


@pytest.fixture
def site(home, settings):
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    settings.ACTIONS_RATE_LIMITS = [(10_000, 60)]
    stories = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(parent=stories)
    actions = ActionIndexPageFactory(parent=home)
    action = UrgentActionPageFactory(parent=actions, slug="free-the-family")
    return {"stories": stories, "story": story, "actions": actions, "action": action}


def public_get_urls(site):
    action = site["action"]
    return [
        "/en/",
        "/es/",
        "/en/search/",
        "/es/search/",
        site["stories"].url,
        site["story"].url,
        site["story"].url + "feed/rss/",
        site["story"].url + "feed/atom/",
        site["actions"].url,
        action.url,
        action.url + "count/",
        action.url + "thanks/",
        "/en/representatives/",
        "/en/unsubscribe/not-a-token/",
        "/sitemap.xml",
        "/en/no-such-page/",
    ]


def public_post_urls(site):
    action = site["action"]
    return [
        action.url + "sign/",
        action.url + "call/",
        action.url + "email/",
        "/en/representatives/",
        "/en/unsubscribe/not-a-token/",
        "/en/search/",
    ]


def _errors(responses):
    return [(url, status) for url, status in responses if status >= 500]


@pytest.mark.parametrize("name", QUERY_STRINGS)
def test_no_public_url_answers_5xx_to_a_strange_query_string(site, name):
    client = Client(raise_request_exception=False)
    seen = [
        (url, client.get(url + "?" + QUERY_STRINGS[name]).status_code)
        for url in public_get_urls(site)
    ]
    assert _errors(seen) == []


@pytest.mark.parametrize("name", FORM_VALUES)
def test_no_public_form_answers_5xx_to_strange_values(site, name):
    client = Client(raise_request_exception=False)
    value = FORM_VALUES[name]
    fields = [
        "first_name", "last_name", "email", "zip_code", "city", "zip", "state", "district",
        "subject", "body", "outcome", "official", "token", "website", "step", "q",
    ]  # fmt: skip
    seen = []
    for url in public_post_urls(site):
        for prefix in ("sign-", "log-", "sent-", ""):
            pairs = [f"{prefix}{field}={value}" for field in fields]
            pairs.append(f"{prefix}started={started_token()}")
            if prefix:
                pairs.append(f"step={prefix.rstrip('-')}")
            body = "&".join(pairs)
            form = "application/x-www-form-urlencoded"
            seen.append((f"{url} {prefix}", client.post(url, body, content_type=form).status_code))
    assert _errors(seen) == []


def test_nul_in_the_search_answers_200_and_the_results_page(site):
    response = Client().get("/en/search/?q=free%00family")
    assert response.status_code == 200
    assert 'value="freefamily"' in response.content.decode()


def test_nul_in_a_path_is_a_localised_400(site):
    response = Client().get("/es/acciones%00/")
    assert response.status_code == 400
    assert "Esta dirección no se puede leer" in response.content.decode()


def test_signature_with_a_nul_in_the_name_is_stored_without_it(site):
    action = site["action"]
    Client().post(action.url + "sign/", sign_data(**{"sign-first_name": "A\x00na"}))
    assert ActionResponse.objects.get().first_name == "Ana"


@pytest.mark.parametrize(
    "address", ["root@localhost", "a@[127.0.0.1]", "a@127.0.0.1", "ana@intranet", "a@box.local"]
)
def test_undeliverable_addresses_are_refused_with_a_spanish_message_and_nothing_lost(
    action_es, address
):
    response = Client().post(action_es.url + "sign/", sign_data(**{"sign-email": address}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "dirección de correo" in html  # ours, or Django's for a malformed one
    assert 'value="Ana"' in html and 'value="20001"' in html
    assert ActionResponse.objects.count() == 0


def test_ordinary_addresses_are_still_accepted(action):
    for n, address in enumerate(["ana@example.org", "luis.m@mail.example.co.uk"]):
        data = sign_data(**{"sign-email": address})
        assert Client().post(action.url + "sign/", data).status_code == 303, n
    assert ActionResponse.objects.count() == 2


def test_runs_on_postgresql_where_it_matters():
    """Say so when this module ran on SQLite, which stores NUL happily and hides bugs."""
    if connection.vendor != "postgresql":
        pytest.skip("the NUL checks prove most on PostgreSQL (set DATABASE_URL)")
