"""Per-official call outcomes: one tap per official on the call step, no JavaScript;
busy/unavailable and skipped calls are logged but never counted as calls made."""

import re

import pytest
from django.core.cache import cache

from actions.counting import get_count
from actions.forms import started_token
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories_actions import UrgentActionPageFactory
from tests.factories_officials import TargetFactory, ZipDistrictFactory

pytestmark = pytest.mark.django_db

SCRIPT = {
    "heading": "Call your members of Congress",
    "recipients": "zip",
    "script": "Hello {official}, I am {first_name} from {city}.",
    "numbers": [],
}


@pytest.fixture
def officials(db):
    ZipDistrictFactory(zip_code="21201", state="MD", district=7)
    return [
        TargetFactory(senator=True, state="MD", first_name="Ana", full_name="Ana Senator"),
        TargetFactory(senator=True, state="MD", first_name="Ben", full_name="Ben Senator"),
        TargetFactory(state="MD", district=7, first_name="Cy", full_name="Cy Member"),
    ]


@pytest.fixture
def call_action(action_index, officials):
    return UrgentActionPageFactory(
        parent=action_index, slug="call-congress", ways_to_act=[("call", SCRIPT)]
    )


def _forms(html):
    """Each official's outcome form: (official, token) in page order."""
    return re.findall(
        r'name="log-token" value="([^"]+)".*?name="log-official" value="([^"]+)"', html, re.S
    )


def _zip(client, page):
    return client.post(
        page.url + "call/",
        {
            "zip": "21201",
            "first_name": "Rosa",
            "city": "Baltimore",
            "started": started_token(),
            "step": "zip",
        },
    ).content.decode()


def _tap(client, page, token, official, outcome):
    return client.post(
        page.url + "call/",
        {
            "step": "log",
            "log-outcome": outcome,
            "log-token": token,
            "log-official": official,
            "log-zip": "21201",
            "log-state": "MD",
            "log-district": "7",
            "log-started": started_token(),
        },
    )


def test_each_official_gets_its_own_one_tap_outcome_buttons(client, call_action):
    html = _zip(client, call_action)
    forms = _forms(html)
    assert [name for _token, name in forms] == [
        "Senator Ana Senator",
        "Senator Ben Senator",
        "Representative Cy Member",
    ]
    assert len({token for token, _name in forms}) == 3
    for label in ("Talked to staff", "Left a voicemail", "Line busy or unavailable", "Skipped"):
        assert html.count(f">{label}</button>") == 3
    assert "<script" not in html.split('id="act-call"')[1].split("</section>")[0]


def test_outcomes_are_logged_per_official_and_unavailable_is_not_counted(client, call_action):
    forms = _forms(_zip(client, call_action))
    (t1, ana), (t2, ben), (t3, cy) = forms
    after_first = _tap(client, call_action, t1, ana, "talked")
    html = after_first.content.decode()
    assert after_first.status_code == 200
    assert "Logged your call to Senator Ana Senator: Talked to staff." in html
    assert "Logged: Talked to staff" in html
    # The other two still have their buttons.
    assert [name for _t, name in _forms(html)] == [ben, cy]

    _tap(client, call_action, t2, ben, "busy")
    last = _tap(client, call_action, t3, cy, "skipped")
    assert last.status_code == 303
    assert last["Location"].endswith("/thanks/")

    rows = {r.official: r for r in ActionResponse.objects.filter(kind="call")}
    assert {name: r.outcome for name, r in rows.items()} == {
        ana: "talked",
        ben: "busy",
        cy: "skipped",
    }
    assert [name for name, r in rows.items() if r.counted] == [ana]
    assert rows[ana].state == "MD" and rows[ana].district == "7"
    cache.clear()
    assert get_count(call_action.translation_key) == 1


def test_a_retapped_button_logs_nothing_twice(client, call_action):
    (t1, ana), *_rest = _forms(_zip(client, call_action))
    _tap(client, call_action, t1, ana, "voicemail")
    _tap(client, call_action, t1, ana, "voicemail")
    assert ActionResponse.objects.filter(kind="call").count() == 1


def test_only_unanswered_calls_are_not_counted_and_the_reader_is_told(client, call_action):
    forms = _forms(_zip(client, call_action))
    for token, name in forms:
        response = _tap(client, call_action, token, name, "busy")
    assert response.status_code == 303
    assert response["Location"].endswith("#act-call")
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert "That call is not counted yet" in html
    cache.clear()
    assert get_count(call_action.translation_key) == 0


def test_spanish_call_step_offers_the_outcomes_in_spanish(
    client, call_action, spanish, home_es, action_index, django_capture_on_commit_callbacks
):
    from tests.actions_helpers import ACTION_ES
    from translation.builders import translate

    with django_capture_on_commit_callbacks(execute=True):
        translate(action_index, spanish, ACTION_ES)
    with django_capture_on_commit_callbacks(execute=True):
        translate(call_action, spanish, ACTION_ES)
    page_es = call_action.get_translation(spanish).specific
    html = _zip(client, page_es)
    # Named as a Spanish sentence names them: article and lower-case title (gender unknown).
    assert "¿Cómo fue su llamada a la senadora o el senador Ana Senator?" in html
    assert "llamada a Senadora" not in html
    assert html.count(">Hablé con el personal</button>") == 3
    assert "Solo se cuentan las llamadas que llegaron a alguien" in html


def test_reports_group_calls_by_official(client, admin_user, call_action):
    forms = _forms(_zip(client, call_action))
    (t1, ana), (t2, ben), (t3, cy) = forms
    _tap(client, call_action, t1, ana, "talked")
    _tap(client, call_action, t2, ben, "busy")
    client.force_login(admin_user)
    html = client.get(f"/admin/actions/{call_action.pk}/responses/").content.decode()
    assert "Calls by official" in html
    row = re.search(r"Senator Ben Senator</a></td><td>(\d+)</td>", html)
    assert row and row.group(1) == "0"
    filtered = client.get(
        f"/admin/actions/{call_action.pk}/responses/?official=Ana"
    ).content.decode()
    assert "Senator Ana Senator" in filtered
