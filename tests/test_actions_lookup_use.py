"""How actions use the ZIP lookup (contract: actions.lookup.lookup_zip → LookupResult).

A stand-in lookup module keeps these tests independent of the officials data.
"""

import sys
import types
from dataclasses import dataclass

import pytest

from actions.forms import started_token
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import CALL, EMAIL, LETTER, UrgentActionPageFactory

pytestmark = pytest.mark.django_db


@dataclass
class Official:
    display_title: str
    full_name: str
    phone: str
    contact_form_url: str = ""

    @property
    def tel_href(self):
        return "tel:+1" + "".join(c for c in self.phone if c.isdigit())

    @property
    def contact_url(self):
        return self.contact_form_url


SENATOR = Official("Senator", "Dana Whitfield", "202-555-0111", "https://example.gov/contact")
REP = Official("Representative", "Luis Ortega", "202-555-0122")


@dataclass
class Result:
    zip_code: str
    status: str
    state: str | None = None
    district: int | None = None
    state_choices: tuple = ()
    district_choices: tuple = ()
    senators: tuple = ()
    representatives: tuple = ()
    vacant: bool = False

    @property
    def message(self):
        return {"choose_district": "Choose your district.", "unknown": "Unknown ZIP."}.get(
            self.status, ""
        )

    @property
    def officials(self):
        return self.senators + self.representatives if self.status == "ok" else ()


def fake_lookup(raw_zip, state=None, district=None):
    if raw_zip.startswith("85"):  # a ZIP split between two districts
        if district is None:
            return Result(raw_zip, "choose_district", state="AZ", district_choices=(3, 7))
        return Result(
            raw_zip,
            "ok",
            state="AZ",
            district=district,
            senators=(SENATOR,),
            representatives=(REP,),
        )
    if raw_zip.startswith("99"):
        return Result(raw_zip, "unknown")
    if raw_zip.startswith("66"):
        raise RuntimeError("lookup table missing")
    return Result(raw_zip, "ok", state="DC", district=0, representatives=(REP,))


@pytest.fixture(autouse=True)
def lookup_module(monkeypatch):
    module = types.ModuleType("actions.lookup")
    module.lookup_zip = fake_lookup
    monkeypatch.setitem(sys.modules, "actions.lookup", module)
    return module


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
    assert "Choose your district." in html
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
    assert "Unknown ZIP." in html
    assert "We could not find whom to call for that ZIP code" in html


@pytest.mark.parametrize(
    "zip_code, state, district",
    [("20001", "DC", "0"), ("85701", "AZ", ""), ("99999", "", ""), ("66000", "", "")],
)
def test_signature_stores_what_the_lookup_knows_and_is_never_refused(
    client, zip_action, zip_code, state, district
):
    response = client.post(zip_action.url + "sign/", sign_data(**{"sign-zip_code": zip_code}))
    assert response.status_code == 303
    row = ActionResponse.objects.get()
    assert (row.state, row.district) == (state, district)
