"""The public counts API and the embeddable widget: open, cached, anonymous, bilingual."""

import json
from collections import Counter

import pytest

from actions.models import ActionResponse
from tests.factories_actions import (
    ActionIndexPageFactory,
    ActionResponseFactory,
    UrgentActionPageFactory,
)
from tests.factories_stories import ACTIONS_ES, translate_page

pytestmark = pytest.mark.django_db

ACTION_ES = {"Free the family": "Liberen a la familia", "free-the-family": "liberen-a-la-familia"}


@pytest.fixture
def action(home):
    index = ActionIndexPageFactory(parent=home)
    return UrgentActionPageFactory(
        parent=index, title="Free the family", slug="free-the-family", signature_goal=50
    )


@pytest.fixture
def spanish_action(home_es, spanish, action, django_capture_on_commit_callbacks):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    return translate_page(action, spanish, ACTION_ES, django_capture_on_commit_callbacks)


def _respond(action, kind="sign", state="", district="", outcome="", language="en", **extra):
    fields = {"action_key": action.translation_key, "kind": kind, "language": language}
    fields.update(state=state, district=district, outcome=outcome, **extra)
    if kind != "sign":
        fields.update(email="", email_canonical="", first_name="", last_name="", zip_code="")
        fields["submission_token"] = f"t-{ActionResponse.objects.count()}"
    return ActionResponseFactory(**fields)


@pytest.fixture
def responses(action, spanish_action):
    rows = [
        _respond(action, "sign", "AZ", "7"),
        _respond(action, "sign", "AZ", "7", language="es"),
        _respond(action, "sign", "AZ", "3"),
        _respond(action, "sign", "AK", "0", language="es"),
        _respond(action, "sign"),  # a signer whose ZIP told no seat
        _respond(action, "email", "TX", "29"),
        _respond(action, "call", "AZ", "7", "talked"),
        _respond(action, "call", "AZ", "7", "voicemail", language="es"),
        _respond(action, "call", "AZ", "7", "busy"),
        _respond(action, "call", "TX", "29", "skipped"),
    ]
    # Another action's responses never leak into this one.
    ActionResponseFactory(state="AZ", district="7")
    return rows


def _get(client, url, **headers):
    response = client.get(url, **headers)
    return response, json.loads(response.content) if response.content else None


def test_counts_match_the_responses_by_state_district_kind_and_outcome(client, action, responses):
    response, data = _get(client, f"/api/v1/actions/{action.translation_key}.json")
    assert response.status_code == 200
    counted = ActionResponse.objects.filter(action_key=action.translation_key, counted=True)
    assert data["total"] == counted.count() == 8
    assert data["by_kind"] == {"sign": 5, "pledge": 0, "call": 2, "email": 1}
    expected_states = Counter(r.state for r in counted if r.state)
    assert data["by_state"] == dict(expected_states) == {"AK": 1, "AZ": 5, "TX": 1}
    assert data["by_district"] == {"AK-AL": 1, "AZ-03": 1, "AZ-07": 4, "TX-29": 1}
    # Every logged call has an outcome; busy and skipped are shown but not counted.
    assert data["call_outcomes"] == {"talked": 1, "voicemail": 1, "busy": 1, "skipped": 1}


def test_one_total_across_languages_with_both_pages_listed(client, action, responses):
    _, data = _get(client, f"/api/v1/actions/{action.translation_key}.json")
    assert data["titles"] == {"en": "Free the family", "es": "Liberen a la familia"}
    assert data["urls"]["es"] == "http://testserver/es/acciones/liberen-a-la-familia/"
    assert data["widget"]["es"] == f"http://testserver/es/embed/actions/{action.translation_key}/"
    assert data["goal"] == 50
    assert data["open"] is True
    # The page's own count says the same.
    _, count = _get(client, "/en/actions/free-the-family/count/")
    assert count["count"] == data["total"]


def test_answers_are_public_cacheable_cors_open_and_cookie_free(client, action, responses):
    response, _ = _get(client, f"/api/v1/actions/{action.translation_key}.json")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=" in cache_control
    assert "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    preflight = client.options(f"/api/v1/actions/{action.translation_key}.json")
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_no_personal_data_in_any_answer(client, action, responses):
    detail = client.get(f"/api/v1/actions/{action.translation_key}.json").content.decode()
    listing = client.get("/api/v1/actions.json").content.decode()
    for body in (detail, listing):
        for row in responses:
            for value in (row.email, row.last_name, row.zip_code):
                if value:
                    assert value not in body
        assert "@" not in body


def test_listing_gives_every_live_action_with_its_total(client, action, responses):
    _, data = _get(client, "/api/v1/actions.json")
    [item] = data["actions"]
    assert item["id"] == str(action.translation_key)
    assert item["total"] == 8
    assert set(item["titles"]) == {"en", "es"}


def test_unknown_or_draft_action_is_a_clear_404(client, action):
    import uuid

    response, data = _get(client, f"/api/v1/actions/{uuid.uuid4()}.json")
    assert response.status_code == 404
    assert data["error"] == "not_found"
    action.unpublish()
    response, _ = _get(client, f"/api/v1/actions/{action.translation_key}.json")
    assert response.status_code == 404


# The widget ------------------------------------------------------------------------------


def test_widget_shows_count_goal_progress_and_link_in_english(client, action, responses):
    response = client.get(f"/en/embed/actions/{action.translation_key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Free the family" in html
    assert "<strong>8</strong> actions taken of a goal of 50" in html
    assert '<progress class="widget__progress" max="50" value="8"' in html
    assert 'href="http://testserver/en/actions/free-the-family/" target="_blank"' in html
    assert "<script" not in html


def test_widget_in_spanish_links_the_spanish_page(client, action, responses):
    html = client.get(f"/es/embed/actions/{action.translation_key}/").content.decode()
    assert '<html lang="es">' in html
    assert "Liberen a la familia" in html
    assert "8</strong> acciones realizadas de una meta de 50" in html
    assert 'href="http://testserver/es/acciones/liberen-a-la-familia/"' in html
    assert "Actúe ahora" in html


def test_widget_not_yet_translated_shows_the_english_action_marked_english(client, action, spanish):
    html = client.get(f"/es/embed/actions/{action.translation_key}/").content.decode()
    assert '<html lang="es">' in html
    assert 'lang="en"' in html
    assert "Free the family" in html


def test_only_the_widget_may_be_framed_by_other_sites(client, action, responses):
    widget = client.get(f"/en/embed/actions/{action.translation_key}/")
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "script-src" not in widget["Content-Security-Policy"]  # default-src 'none'
    assert "public" in widget["Cache-Control"]
    assert not widget.cookies
    page = client.get("/en/actions/free-the-family/")
    assert page["X-Frame-Options"] == "DENY"


def test_closed_action_widget_says_so_and_links_to_the_outcome(client, action):
    action.status = "won"
    action.save_revision().publish()
    html = client.get(f"/en/embed/actions/{action.translation_key}/").content.decode()
    assert "Won" in html
    assert "See what happened" in html
    assert "Act now" not in html


def test_editor_finds_the_embed_code_on_the_actions_promote_tab(
    client, admin_user, action, spanish_action
):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{action.pk}/edit/").content.decode()
    assert "Embed on a partner site" in html
    key = action.translation_key
    # Shown as text to copy, not as a live frame in the admin.
    assert f"&lt;iframe src=&quot;http://testserver/en/embed/actions/{key}/&quot;" in html
    assert f"&lt;iframe src=&quot;http://testserver/es/embed/actions/{key}/&quot;" in html
    assert f"/api/v1/actions/{key}.json" in html
