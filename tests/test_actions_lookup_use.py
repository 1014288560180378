"""How actions use the ZIP lookup (contract: officials.lookup.lookup_zip → LookupResult).

The real LookupResult and Target classes, with a stand-in `lookup_zip`, keep these tests
independent of the officials data.
"""

import pytest

from actions.forms import started_token
from actions.models import ActionResponse
from officials.lookup import LookupResult
from officials.models import Target
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import CALL, EMAIL, LETTER, UrgentActionPageFactory

pytestmark = pytest.mark.django_db

SENATOR = Target(
    chamber="senate",
    title="Senator",
    first_name="Dana",
    last_name="Whitfield",
    full_name="Dana Whitfield",
    state="AZ",
    phone="202-555-0111",
    contact_form_url="https://example.gov/contact",
    is_current=True,
)
REP = Target(
    chamber="house",
    title="Representative",
    first_name="Luis",
    last_name="Ortega",
    full_name="Luis Ortega",
    state="AZ",
    district=7,
    phone="202-555-0122",
    is_current=True,
)


def fake_lookup(raw_zip, state=None, district=None):
    if raw_zip.startswith("85"):  # a ZIP split between two districts
        if district is None:
            return LookupResult(
                raw_zip,
                "choose_district",
                state="AZ",
                district_choices=(3, 7),
                representatives=(REP,),
            )
        return LookupResult(
            raw_zip,
            "ok",
            state="AZ",
            district=district,
            senators=(SENATOR,),
            representatives=(REP,),
        )
    if raw_zip.startswith("99"):
        return LookupResult(raw_zip, "unknown")
    if raw_zip.startswith("66"):
        raise RuntimeError("lookup table missing")
    return LookupResult(raw_zip, "ok", state="DC", district=0, representatives=(REP,))


@pytest.fixture(autouse=True)
def stand_in_lookup(monkeypatch):
    monkeypatch.setattr("officials.lookup.lookup_zip", fake_lookup)


@pytest.fixture
def zip_action(action_index):
    return UrgentActionPageFactory(
        parent=action_index,
        slug="by-zip",
        ways_to_act=[
            ("sign", LETTER),
            ("call", {**CALL, "recipients": "zip", "numbers": []}),
            ("email", {**EMAIL, "recipients": "zip", "addresses": []}),
        ],
    )


def zip_post(client, page, kind, **extra):
    data = {
        "step": "zip",
        "zip": "85701",
        "first_name": "Rosa",
        "city": "Tucson",
        "started": started_token(),
    }
    data.update(extra)
    return client.post(page.url + f"{kind}/", data)


def test_split_zip_asks_for_the_district_then_shows_officials(client, zip_action):
    html = zip_post(client, zip_action, "call").content.decode()
    assert "more than one district" in html
    assert 'name="district" value="7"' in html
    assert 'value="Rosa"' in html  # what the reader typed is kept
    html = zip_post(client, zip_action, "call", state="AZ", district="7").content.decode()
    assert "Hello Senator Dana Whitfield, I am Rosa from Tucson." in html
    assert 'href="tel:+12025550122"' in html
    assert 'name="log-district" value="7"' in html


def test_logged_call_stores_the_chosen_seat(client, zip_action):
    import re

    html = zip_post(client, zip_action, "call", state="AZ", district="7").content.decode()
    token = re.search(r'name="log-token" value="([^"]+)"', html).group(1)
    client.post(
        zip_action.url + "call/",
        {
            "step": "log",
            "log-outcome": "voicemail",
            "log-token": token,
            "log-zip": "85701",
            "log-state": "AZ",
            "log-district": "7",
            "log-started": started_token(),
        },
    )
    row = ActionResponse.objects.get()
    assert (row.state, row.district, row.counted) == ("AZ", "7", True)


def test_email_step_links_contact_forms_of_the_readers_officials(client, zip_action):
    html = zip_post(client, zip_action, "email", zip="20001").content.decode()
    # One recipient: the editable message is addressed to them by name.
    assert "Dear Representative Luis Ortega," in html
    assert 'name="sent-body"' in html
    html = zip_post(client, zip_action, "email", state="AZ", district="3").content.decode()
    assert 'href="https://example.gov/contact"' in html
    # Several recipients: a salutation that fits each of them.
    assert "Dear Sir or Madam," in html


def test_unknown_zip_still_gives_the_script(client, zip_action):
    html = zip_post(client, zip_action, "call", zip="99999").content.decode()
    assert "We could not find ZIP code 99999" in html
    assert "We could not find whom to call for that ZIP code" in html


@pytest.mark.parametrize(
    "zip_code, state, district",
    [("20001", "DC", "0"), ("85701", "AZ", ""), ("99999", "", ""), ("66000", "", "")],
)
def test_signature_stores_what_the_lookup_knows_and_is_never_refused(
    client, zip_action, zip_code, state, district, monkeypatch
):
    # The signature stores only the seat, read from the ZIP table itself (no officials).
    from officials import lookup
    from tests.factories_officials import ZipDistrictFactory

    ZipDistrictFactory(zip_code="20001", state="DC", district=0)
    ZipDistrictFactory(zip_code="85701", state="AZ", district=3)
    ZipDistrictFactory(zip_code="85701", state="AZ", district=7)
    real_seats = lookup._seats_for

    def seats_for(zip_code):
        if zip_code.startswith("66"):
            raise RuntimeError("lookup table missing")
        return real_seats(zip_code)

    monkeypatch.setattr(lookup, "_seats_for", seats_for)
    response = client.post(zip_action.url + "sign/", sign_data(**{"sign-zip_code": zip_code}))
    assert response.status_code == 303
    row = ActionResponse.objects.get()
    assert (row.state, row.district) == (state, district)


@pytest.fixture
def chosen_action(action_index):
    from actions.models import ActionTarget
    from tests.factories_officials import TargetFactory

    page = UrgentActionPageFactory(
        parent=action_index,
        slug="chosen",
        ways_to_act=[("call", {**CALL, "recipients": "chosen", "numbers": []})],
    )
    governor = TargetFactory(
        custom=True,
        first_name="Ada",
        last_name="Stone",
        full_name="Ada Stone",
        phone="(602) 555-0199",
    )
    retired = TargetFactory(first_name="Old", full_name="Old Member", is_current=False)
    page.action_targets.add(ActionTarget(target=governor))
    page.action_targets.add(ActionTarget(target=retired))
    page.save_revision().publish()
    return page


def test_chosen_officials_are_called_with_the_script(client, chosen_action):
    html = zip_post(client, chosen_action, "call", zip="20001").content.decode()
    assert "Hello Governor Ada Stone, I am Rosa from Tucson." in html
    assert 'href="tel:+16025550199"' in html
    assert "Old Member" not in html  # no longer in office


def test_spanish_action_calls_the_same_chosen_officials(
    client, chosen_action, home_es, spanish, django_capture_on_commit_callbacks
):
    from translation.builders import translate

    with django_capture_on_commit_callbacks(execute=True):
        translate(chosen_action.get_parent(), spanish, {})
    with django_capture_on_commit_callbacks(execute=True):
        translate(chosen_action, spanish, {})
    page_es = chosen_action.get_translation(spanish)
    html = zip_post(client, page_es, "call", zip="20001").content.decode()
    assert "Ada Stone" in html
