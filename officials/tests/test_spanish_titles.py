"""Spanish titles agree with the person: "Senadora Angela D. Alsobrooks", "Senador Chris
Van Hollen", "Representante …", "Delegada …", "Comisionado Residente …" — on the lookup,
in the call step, in filled scripts and in prepared e-mails. English is unchanged."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from actions.forms import started_token
from actions.models import UrgentActionPage
from officials.demo import BUILT_IN
from officials.importers import import_officials, import_zip_districts
from officials.models import Target
from tests.factories_actions import LETTER, ActionIndexPageFactory, UrgentActionPageFactory
from tests.factories_officials import TargetFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db
DATA = Path(settings.HAVEN_DATA_DIR)


@pytest.fixture
def sample(db):
    """MD: senators Morgan Hale (F) and Dana Whitcombe (M), district 1 Samuel Achterberg
    (M); DC's delegate Theodora Banks (F); Puerto Rico's Ismael Rivera Colón (M)."""
    import_officials(BUILT_IN / "sample-members.json", BUILT_IN / "sample-member-offices.json")
    import_zip_districts(BUILT_IN / "sample-zip-districts.csv")


def named(title, **fields):
    return TargetFactory(title=title, **fields)


@pytest.mark.parametrize(
    ("title", "gender", "spanish"),
    [
        ("Senator", "F", "Senadora"),
        ("Senator", "M", "Senador"),
        ("Representative", "F", "Representante"),
        ("Representative", "M", "Representante"),
        ("Delegate", "F", "Delegada"),
        ("Delegate", "M", "Delegado"),
        ("Resident Commissioner", "F", "Comisionada Residente"),
        ("Resident Commissioner", "M", "Comisionado Residente"),
        # Unknown gender: the neutral form, never a guess.
        ("Senator", "", "Senadora o senador"),
        # An editor's own title is shown as typed.
        ("Governor", "F", "Governor"),
    ],
)
def test_spanish_title_agrees_with_the_person(title, gender, spanish):
    target = Target(title=title, gender=gender, full_name="Alex Doe")
    assert target.display_title == title
    with translation.override("es"):
        assert target.display_title == spanish


def test_import_stores_gender_from_the_data(sample):
    genders = dict(Target.objects.values_list("full_name", "gender"))
    assert genders["Morgan Hale"] == "F"
    assert genders["Dana Whitcombe"] == "M"
    assert genders["Theodora Banks"] == "F"


@pytest.mark.skipif(
    not (DATA / "legislators-current.json").is_file(), reason="public data not present"
)
def test_real_maryland_senators_read_as_spanish():
    import_officials(DATA / "legislators-current.json")
    senators = Target.objects.filter(state="MD", chamber="senate").order_by("last_name")
    with translation.override("es"):
        assert sorted(f"{t.display_title} {t.full_name}" for t in senators) == [
            "Senador Chris Van Hollen",
            "Senadora Angela D. Alsobrooks",
        ]
    # Every current member has a gender in the data, so no neutral title is left.
    assert not Target.objects.filter(is_current=True, gender="").exists()


def test_lookup_page_shows_gendered_titles_in_spanish(client, sample, home_es):
    text = client.get("/es/representatives/", {"zip": "21201"}).text
    titles = re.findall(
        r'official__title">([^<]+)</p>\s*<h3 class="official__name">([^<]+)</h3>', text
    )
    assert ("Senadora", "Morgan Hale") in titles
    assert ("Senador", "Dana Whitcombe") in titles
    assert ("Representante", "Samuel Achterberg") in titles
    assert "Senadora o senador" not in text
    dc = client.get("/es/representatives/", {"zip": "20001"}).text
    assert "Delegada" in dc and "Delegada o delegado" not in dc


def test_lookup_page_in_english_is_unchanged(client, sample, home):
    text = client.get("/en/representatives/", {"zip": "21201"}).text
    assert text.count('official__title">Senator<') == 2


SCRIPT = "Hello {official}, my name is {first_name}.\n\nPlease help the family."
SCRIPT_ES = "Hola, {official}. Me llamo {first_name}.\n\nPor favor, ayude a la familia."
BODY = "Dear {official},\n\nI am {first_name} from {city}."
BODY_ES = "Estimado/a {official}:\n\nSoy {first_name}, de {city}."


@pytest.fixture
def action_es(home, home_es, spanish, sample, settings, django_capture_on_commit_callbacks):
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    index = ActionIndexPageFactory(parent=home)
    action = UrgentActionPageFactory(
        parent=index,
        title="Help the family",
        slug="help",
        ways_to_act=[
            ("sign", LETTER),
            ("call", {"heading": "Call", "recipients": "zip", "script": SCRIPT, "numbers": []}),
            (
                "email",
                {
                    "heading": "Write",
                    "recipients": "zip",
                    "subject": "The family",
                    "body": BODY,
                    "addresses": [],
                },
            ),
        ],
    )
    strings = {
        "Urgent actions": "Acciones urgentes",
        "actions": "acciones",
        SCRIPT: SCRIPT_ES,
        BODY: BODY_ES,
    }
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, spanish, strings)
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, strings)
    return UrgentActionPage.objects.get(translation_key=action.translation_key, locale=spanish)


def post_zip(client, page, kind, zip_code):
    data = {
        "step": "zip",
        "zip": zip_code,
        "first_name": "Rosa",
        "city": "Baltimore",
        "started": started_token(),
    }
    return client.post(page.url + f"{kind}/", data).content.decode()


def test_spanish_call_step_and_script_use_gendered_titles(client, action_es):
    html = post_zip(client, action_es, "call", "21201")
    assert "<h3>Senadora Morgan Hale</h3>" in html
    assert "<h3>Senador Dana Whitcombe</h3>" in html
    assert "Hola, Senadora Morgan Hale. Me llamo Rosa." in html
    assert "Hola, Senador Dana Whitcombe. Me llamo Rosa." in html
    assert "Hola, Representante Samuel Achterberg." in html
    assert "Senadora o senador" not in html


def test_spanish_email_to_one_official_is_addressed_with_the_gendered_title(client, action_es):
    # DC: one recipient, the delegate; the prepared message is addressed to her.
    html = post_zip(client, action_es, "email", "20001")
    assert "Estimado/a Delegada Theodora Banks:" in html
    assert "Delegada o delegado" not in html


@pytest.mark.parametrize(
    ("title", "gender", "spanish"),
    [
        ("Senator", "F", "la senadora Alex Doe"),
        ("Senator", "M", "el senador Alex Doe"),
        ("Senator", "", "la senadora o el senador Alex Doe"),
        ("Representative", "M", "el representante Alex Doe"),
        ("Delegate", "F", "la delegada Alex Doe"),
        ("Resident Commissioner", "M", "el comisionado residente Alex Doe"),
        # An editor's own title: an article when the gender is known, the title's case
        # kept when it opens with an acronym, as typed without a gender.
        ("Presidente", "M", "el presidente Alex Doe"),
        ("ICE Field Office Director", "F", "la ICE Field Office Director Alex Doe"),
        ("Directora", "", "Directora Alex Doe"),
    ],
)
def test_inside_a_spanish_sentence_the_title_takes_an_article(title, gender, spanish):
    target = Target(title=title, gender=gender, full_name="Alex Doe")
    assert target.name_in_sentence == f"{title} Alex Doe"
    with translation.override("es"):
        assert target.name_in_sentence == spanish


def test_a_spanish_script_names_the_official_in_a_sentence_and_greets_them_by_title():
    from actions.blocks import fill_placeholders
    from actions.views import _entry

    senator = Target(title="Senator", gender="F", full_name="Morgan Hale")
    script = "Hola, {official}. Llamo a {the_official} por la familia."
    with translation.override("es"):
        entry = _entry(
            f"{senator.display_title} {senator.full_name}",
            script,
            {},
            in_sentence=senator.name_in_sentence,
        )
    assert (
        entry["text"]
        == "Hola, Senadora Morgan Hale. Llamo a la senadora Morgan Hale por la familia."
    )
    # Without an official (a number the editor added) both read as its label.
    assert fill_placeholders("Llamo a {the_official}.", {"the_official": "la oficina"}) == (
        "Llamo a la oficina."
    )


def test_a_translation_may_name_the_official_in_a_sentence_where_english_addresses_them():
    from translation.placeholders import placeholder_problems

    assert placeholder_problems("I am calling {official}.", "Llamo a {the_official}.") == []
    assert placeholder_problems("I am calling {official}.", "Llamo hoy.") != []


@pytest.mark.parametrize(
    ("script", "filled"),
    [
        ("Llamo a {the_official}.", "Llamo al senador Dana Whitcombe."),
        ("A {the_official} le pido ayuda.", "Al senador Dana Whitcombe le pido ayuda."),
        ("Es la oficina de {the_official}.", "Es la oficina del senador Dana Whitcombe."),
        ("Hablo con {the_official}.", "Hablo con el senador Dana Whitcombe."),
        # Only the article the value brings is contracted, never an editor's "a El Paso".
        (
            "Vivo cerca de El Paso; llamo a {the_official}.",
            "Vivo cerca de El Paso; llamo al senador Dana Whitcombe.",
        ),
    ],
)
def test_spanish_contracts_a_el_and_de_el_before_a_man_named_in_a_sentence(script, filled):
    from actions.blocks import fill_placeholders

    senator = Target(title="Senator", gender="M", full_name="Dana Whitcombe")
    with translation.override("es"):
        named = senator.name_in_sentence
    assert fill_placeholders(script, {"the_official": named}) == filled
    woman = Target(title="Senator", gender="F", full_name="Morgan Hale")
    with translation.override("es"):
        assert fill_placeholders(
            "Llamo a {the_official}.", {"the_official": woman.name_in_sentence}
        ) == ("Llamo a la senadora Morgan Hale.")
