"""The "Find your representatives" page and the ZIP form partials, in both languages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from officials.demo import BUILT_IN
from officials.forms import ZipLookupForm
from officials.importers import import_officials, import_zip_districts
from officials.lookup import lookup_zip
from officials.models import Target
from tests.factories_officials import TargetFactory, TargetOfficeFactory


@pytest.fixture
def sample(home):
    import_officials(BUILT_IN / "sample-members.json", BUILT_IN / "sample-member-offices.json")
    import_zip_districts(BUILT_IN / "sample-zip-districts.csv")


def test_empty_page_shows_the_form_in_both_languages(client, home_es):
    english = client.get("/en/representatives/")
    assert english.status_code == 200
    assert "<h1>Find your representatives</h1>" in english.text
    assert 'name="zip"' in english.text and 'autocomplete="postal-code"' in english.text
    spanish = client.get("/es/representatives/")
    assert "<h1>Encuentre a sus representantes</h1>" in spanish.text
    assert "Buscar a mis representantes" in spanish.text


def test_page_is_private_and_sends_no_referrer(client, sample):
    response = client.get("/en/representatives/", {"zip": "21201"})
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_single_district_zip_lists_senators_and_member_with_call_links(client, sample):
    response = client.get("/en/representatives/", {"zip": "21201"})
    text = response.text
    assert "Your officials for ZIP code 21201 (Maryland, district 1)" in text
    for name in ("Morgan Hale", "Dana Whitcombe", "Samuel Achterberg"):
        assert name in text
    assert 'href="tel:+12025550104"' in text
    assert "Call 202-555-0104" in text
    # Hale publishes a contact form; Achterberg only a website.
    assert 'href="https://example.org/hale/contact"' in text
    assert 'href="https://example.org/achterberg"' in text and ">Website<" in text


def test_split_zip_offers_district_radios_naming_each_member(client, sample):
    text = client.get("/en/representatives/", {"zip": "21202"}).text
    assert "Your ZIP code is in more than one district — choose yours." in text
    assert 'type="radio" name="district" value="1"' in text
    assert 'type="radio" name="district" value="2"' in text
    assert "Samuel Achterberg" in text and "Lucía Márquez" in text
    assert 'name="state" value="MD"' in text
    assert "Your officials for ZIP code" not in text

    chosen = client.get("/en/representatives/", {"zip": "21202", "state": "MD", "district": "2"})
    assert "Maryland, district 2" in chosen.text
    assert "Samuel Achterberg" not in chosen.text
    assert '<input type="hidden" name="zip" value="21202">' in chosen.text
    assert "Not your district? Choose again.</button>" in chosen.text
    assert "1 local office" in chosen.text and 'href="tel:+14105550117"' in chosen.text


def test_split_zip_in_spanish(client, sample, home_es):
    text = client.get("/es/representatives/", {"zip": "21202"}).text
    assert "Su código postal está en más de un distrito: elija el suyo." in text
    assert "Distrito 2" in text and "Representante Lucía Márquez" in text


def test_two_state_zip_offers_state_radios(client, sample):
    text = client.get("/en/representatives/", {"zip": "20012"}).text
    assert "Your ZIP code is in more than one state — choose yours." in text
    assert 'name="state" value="DC"' in text and "District of Columbia" in text
    assert 'name="state" value="MD"' in text


def test_dc_shows_its_delegate_and_explains_no_senators(client, sample):
    text = client.get("/en/representatives/", {"zip": "20001"}).text
    assert "Delegate" in text and "Theodora Banks" in text
    assert "District of Columbia has no senators" in text


def test_vacant_seat_is_shown_as_vacant(client, sample, home_es):
    text = client.get("/en/representatives/", {"zip": "21203"}).text
    assert "Vacant seat" in text and "is vacant until a new member is sworn in" in text
    assert "Morgan Hale" in text
    spanish = client.get("/es/representatives/", {"zip": "21203"}).text
    assert "Escaño vacante" in spanish


def test_malformed_zip_gets_a_field_error_in_both_languages(client, sample, home_es):
    text = client.get("/en/representatives/", {"zip": "12"}).text
    assert "Enter a 5-digit ZIP code, like 20500." in text
    assert 'aria-invalid="true"' in text and 'value="12"' in text
    spanish = client.get("/es/representatives/", {"zip": "hola"}).text
    assert "Escriba un código postal de 5 dígitos, como 20500." in spanish


def test_tampered_district_asks_again_instead_of_failing(client, sample):
    text = client.get("/en/representatives/", {"zip": "21202", "district": "1; DROP"}).text
    assert "Your ZIP code is in more than one district — choose yours." in text


def test_unknown_zip_says_so(client, sample):
    text = client.get("/en/representatives/", {"zip": "99999"}).text
    assert "We could not find ZIP code 99999" in text


def test_form_normalises_zip_and_reads_choices():
    form = ZipLookupForm({"zip": " 21202-1234 ", "state": "md", "district": "2"})
    assert form.is_valid()
    assert form.cleaned_data == {"zip": "21202-1234", "state": "MD", "district": 2}
    assert not ZipLookupForm({"zip": ""}).is_valid()
    tampered = ZipLookupForm({"zip": "21202", "state": "M<", "district": "x"})
    assert tampered.is_valid() and tampered.cleaned_data["district"] is None
    with translation.override("es"):
        errors = ZipLookupForm({"zip": "abc"}).errors
        assert errors["zip"] == ["Escriba un código postal de 5 dígitos, como 20500."]


def test_partials_render_for_a_post_step_inside_an_action(rf, sample):
    """How the call and email steps include them: a POST form with extra hidden fields."""
    request = rf.post("/en/actions/x/")
    form = ZipLookupForm({"zip": "21201"})
    assert form.is_valid()
    context = {
        "form": form,
        "lookup": form.lookup(),
        "form_method": "post",
        "hidden_fields": {"step": "call"},
        "request": request,
    }
    html = render_to_string("components/zip_lookup_form.html", context, request=request)
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert '<input type="hidden" name="step" value="call">' in html
    listing = render_to_string("components/officials_list.html", context)
    assert listing.count('class="card official"') == 3


def test_officials_list_renders_an_actions_own_targets(db):
    governor = TargetFactory(
        custom=True,
        full_name="Alex Governor",
        phone="(410) 555-0100",
        email="governor@example.org",
        state="MD",
    )
    TargetOfficeFactory(target=governor, city="Annapolis")
    html = render_to_string(
        "components/officials_list.html", {"officials": [governor], "lookup": lookup_zip("")}
    )
    assert "Governor" in html and "Alex Governor" in html
    assert 'href="tel:+14105550100"' in html and "mailto:governor@example.org" in html
    assert "Annapolis" in html


def test_editors_can_search_filter_and_add_their_own_targets(client, sample, django_user_model):
    admin = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/snippets/officials/target/", {"q": "Márquez"})
    assert listing.status_code == 200
    assert "Lucía Márquez" in listing.text and "Samuel Achterberg" not in listing.text
    senators = client.get("/admin/snippets/officials/target/", {"chamber": "senate"})
    assert "Morgan Hale" in senators.text and "Lucía Márquez" not in senators.text

    assert client.get("/admin/snippets/officials/target/add/").status_code == 200
    response = client.post(
        "/admin/snippets/officials/target/add/",
        {
            "title": "Field Office Director",
            "chamber": "other",
            "full_name": "Baltimore Field Office",
            "phone": "410-555-0150",
            "is_current": "on",
            "offices-TOTAL_FORMS": "0",
            "offices-INITIAL_FORMS": "0",
            "offices-MIN_NUM_FORMS": "0",
            "offices-MAX_NUM_FORMS": "1000",
            # The per-language titles an editor may add (none here), as the admin form sends.
            "title_translations-TOTAL_FORMS": "0",
            "title_translations-INITIAL_FORMS": "0",
            "title_translations-MIN_NUM_FORMS": "0",
            "title_translations-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    office = Target.objects.get(full_name="Baltimore Field Office")
    assert office.bioguide_id == "" and office.display_title == "Field Office Director"
    assert office.tel_href == "tel:+14105550150"


def test_the_page_posts_the_zip_so_it_never_appears_in_a_url(client, sample):
    page = client.get("/en/representatives/").text
    assert '<form class="zip-lookup" method="post"' in page
    response = client.post("/en/representatives/", {"zip": "21201"})
    assert response.status_code == 200
    assert "Your officials for ZIP code 21201" in response.text
    assert "?zip=" not in response.text  # no link carries it either
