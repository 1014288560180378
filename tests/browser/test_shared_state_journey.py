"""One campaign, one truth, in a real browser: a Spanish reader has the action's form open
when an editor closes the action on the English page; their signature is refused in
Spanish, and what they typed is shown back to them."""

from actions.models import ActionResponse, UrgentActionPage
from tests.browser.helpers import fill_form, submit
from tests.browser.test_reader_journeys import READER, WORDS, heading, sign_details


def test_spanish_form_open_when_english_closes_is_refused_in_spanish_with_values_kept(
    page, case, django_capture_on_commit_callbacks
):
    lang = "es"
    page.goto(case.url[lang]["action"])
    letter = page.locator("#act-sign")
    fill_form(letter, sign_details(lang))
    before = ActionResponse.objects.count()

    # Meanwhile an editor marks the action won on the English page and publishes it.
    english = UrgentActionPage.objects.get(pk=case.action["en"].pk)
    english.status = UrgentActionPage.Status.WON
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    response_status = {}
    page.on("response", lambda r: response_status.setdefault(r.url, r.status))
    submit(page, WORDS[lang]["sign"])
    assert any(url.endswith("/sign/") and code == 409 for url, code in response_status.items())
    assert page.locator("html").get_attribute("lang") == "es"
    main = page.locator("main").inner_text()
    assert "Ganamos" in main
    assert "Su respuesta no se registró" in main
    for typed in (READER[lang]["last"], READER[lang]["email"], READER[lang]["city"]):
        assert typed in main
    assert page.get_by_label(WORDS[lang]["email"], exact=True).count() == 0  # no form left
    assert heading(page)  # still the action's page
    assert ActionResponse.objects.count() == before
