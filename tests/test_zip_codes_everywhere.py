"""Every form and page reads a ZIP code the same way (officials/normalise.py): the sign,
call and email forms of an action and "Find your representatives" accept "21201",
"21201-1234", "21201 1234", "212011234" and the same in fullwidth digits, and refuse
anything else with a localised message that keeps what the reader typed."""

import pytest

from actions.forms import started_token
from actions.models import ActionResponse
from officials.demo import BUILT_IN
from officials.importers import import_officials, import_zip_districts
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import CALL, EMAIL, LETTER, UrgentActionPageFactory

pytestmark = pytest.mark.django_db

ACCEPTED = ["21201", "21201-1234", "21201 1234", "212011234", "２１２０１ １２３４", "٢١٢٠١"]
REFUSED = ["2120", "21201 12", "2 1 2 0 1", "MD 21201"]
MEMBER = "Samuel Achterberg"  # the built-in sample's member for MD-1, ZIP 21201


@pytest.fixture
def sample(home):
    import_officials(BUILT_IN / "sample-members.json", BUILT_IN / "sample-member-offices.json")
    import_zip_districts(BUILT_IN / "sample-zip-districts.csv")


@pytest.fixture
def zip_action(action_index, sample):
    return UrgentActionPageFactory(
        parent=action_index,
        slug="by-zip",
        ways_to_act=[
            ("sign", LETTER),
            ("call", {**CALL, "recipients": "zip", "numbers": []}),
            ("email", {**EMAIL, "recipients": "zip", "addresses": []}),
        ],
    )


def step(client, page, kind, zip_code, prefix="/en/"):
    data = {"step": "zip", "zip": zip_code, "first_name": "Rosa", "started": started_token()}
    return client.post(page.url.replace("/en/", prefix) + f"{kind}/", data)


@pytest.mark.parametrize("zip_code", ACCEPTED)
def test_sign_accepts_every_way_of_writing_a_zip(client, zip_action, zip_code):
    response = client.post(zip_action.url + "sign/", sign_data(**{"sign-zip_code": zip_code}))
    assert response.status_code == 303
    signature = ActionResponse.objects.get()
    assert signature.zip_code in {"21201", "21201-1234"}
    assert (signature.state, signature.district) == ("MD", "1")


@pytest.mark.parametrize("kind", ["call", "email"])
@pytest.mark.parametrize("zip_code", ACCEPTED)
def test_call_and_email_find_the_member_for_every_way_of_writing_a_zip(
    client, zip_action, kind, zip_code
):
    html = step(client, zip_action, kind, zip_code).content.decode()
    assert MEMBER in html
    assert "Enter a 5-digit ZIP code" not in html


@pytest.mark.parametrize("zip_code", ACCEPTED)
def test_representatives_page_accepts_every_way_of_writing_a_zip(client, sample, zip_code):
    html = client.get("/en/representatives/", {"zip": zip_code}).content.decode()
    assert MEMBER in html
    assert "Your officials for ZIP code 21201" in html


@pytest.mark.parametrize("zip_code", REFUSED)
def test_every_form_refuses_a_malformed_zip_in_the_readers_language(client, zip_action, zip_code):
    signed = client.post(zip_action.url + "sign/", sign_data(**{"sign-zip_code": zip_code}))
    assert signed.status_code == 200
    assert "Enter a 5-digit ZIP code, like 20001 or 20001-1234." in signed.content.decode()
    assert f'value="{zip_code}"' in signed.content.decode()  # nothing typed is lost
    for kind in ("call", "email"):
        html = step(client, zip_action, kind, zip_code).content.decode()
        assert "Enter a 5-digit ZIP code, like 20001 or 20001-1234." in html
        assert MEMBER not in html
    page = client.get("/en/representatives/", {"zip": zip_code}).content.decode()
    assert "Enter a 5-digit ZIP code, like 20500." in page
    assert MEMBER not in page
    assert ActionResponse.objects.count() == 0


def test_spanish_readers_are_told_in_spanish(client, zip_action, action_es):
    signed = client.post(action_es.url + "sign/", sign_data(**{"sign-zip_code": "2120"}))
    assert "Escriba un código postal de 5 dígitos, como 20001 o 20001-1234." in signed.text
    page = client.get("/es/representatives/", {"zip": "2120"}).content.decode()
    assert "Escriba un código postal de 5 dígitos" in page
    html = client.get("/es/representatives/", {"zip": "２１２０１"}).content.decode()
    assert MEMBER in html
