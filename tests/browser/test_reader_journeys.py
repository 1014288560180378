"""Readers acting on a case, in a real browser, in English and in Spanish: from the home page
to a story, to its urgent action, signing (after correcting mistakes), calling their own
officials, a closed action; with the keyboard alone and with JavaScript off.

Each page a reader meets on the way is checked once per width with `check_page` (axe, vnu,
layout), so these journeys also cover the quality of the story, action, error, thank-you,
closed-action and call pages.
"""

import re

import pytest
from django.core.cache import cache

from tests.browser.cases import (
    ACTION,
    CLOSED,
    EARLIER_SIGNATURES,
    SINGLE_DISTRICT_ZIP,
    STORY,
    text,
)
from tests.browser.checks import check_page
from tests.browser.helpers import (
    UI,
    expect_field_error,
    fill_form,
    submit,
    switch_language,
    tab_until,
)

LANGUAGES = ["en", "es"]
OTHER = {"en": "es", "es": "en"}

# The action forms' words, as a reader sees them.
WORDS = {
    "en": {
        "first_name": "First name",
        "last_name": "Last name",
        "email": "Email",
        "zip": "ZIP code",
        "city": "City (optional)",
        "show_publicly": "Show my first name and city publicly",
        "sign": "Add my name",
        "invalid_email": "Enter a valid email address.",
        "invalid_zip": "Enter a 5-digit ZIP code, like 20001 or 20001-1234.",
        "form_problem": "Please correct the highlighted fields.",
        "signed": "Thank you for adding your name",
        "back": "Back to the action",
        "your_zip": "Your ZIP code",
        "call_first_name": "First name (optional)",
        "find": "Find my representatives",
        "what_to_say": "What to say",
        "how_did_it_go": "How did your call to {name} go?",
        "talked": "Talked to staff",
        "logged_call": "Logged your call to {name}: {outcome}.",
        "logged": "Logged: {outcome}",
        "done_calling": "I'm done calling",
        "called": "Thank you for calling",
        "closed": "This action has closed",
        "act_for": "Act for {name}",
    },
    "es": {
        "first_name": "Nombre",
        "last_name": "Apellido",
        "email": "Correo electrónico",
        "zip": "Código postal",
        "city": "Ciudad (opcional)",
        "show_publicly": "Mostrar públicamente mi nombre y mi ciudad",
        "sign": "Agregar mi nombre",
        "invalid_email": "Introduzca una dirección de correo electrónico válida.",
        "invalid_zip": "Escriba un código postal de 5 dígitos, como 20001 o 20001-1234.",
        "form_problem": "Por favor corrija los campos marcados.",
        "signed": "Gracias por agregar su nombre",
        "back": "Volver a la acción",
        "your_zip": "Su código postal",
        "call_first_name": "Nombre (opcional)",
        "find": "Buscar a mis representantes",
        "what_to_say": "Qué decir",
        "how_did_it_go": "¿Cómo fue su llamada a {name}?",
        "talked": "Hablé con el personal",
        "logged_call": "Registramos su llamada a {name}: {outcome}.",
        "logged": "Registrada: {outcome}",
        "done_calling": "Ya terminé de llamar",
        "called": "Gracias por llamar",
        "closed": "Esta acción se ha cerrado",
        "act_for": "Actúe por {name}",
    },
}

# A reader, in each language.
READER = {
    "en": {"first": "Ana", "last": "Pérez", "email": "ana.perez@example.org", "city": "Baltimore"},
    "es": {"first": "Lucía", "last": "Gómez", "email": "lucia.gomez@example.org", "city": "Towson"},
}


@pytest.fixture(autouse=True)
def _count_cached_for_the_whole_journey(settings):
    """The thank-you page shows the shared cached count, the same for a first and a repeat
    signer (so it tells no one whether an address had signed). Hold it for the whole
    journey so what each step shows does not depend on how long the checks take."""
    settings.ACTIONS_COUNT_CACHE_SECONDS = 3600


def shown_count(page):
    """The count the page shows in its header's progress box, as a number."""
    value = page.locator("main .action-progress [data-count]").first.inner_text()
    return int(value.strip())


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def open_story_from_home(page, case, lang):
    """Home page → the featured story, by its title."""
    page.goto(case.pages.url[lang]["home"])
    with page.expect_navigation():
        page.get_by_role("link", name=text(STORY, "title", lang), exact=True).click()
    assert heading(page) == text(STORY, "title", lang)


def open_action_from_story(page, lang):
    """Story → its open urgent action, from the story's "Act for …" section."""
    name = WORDS[lang]["act_for"].format(name=text(STORY, "display_name", lang))
    section = page.get_by_role("region", name=name)
    with page.expect_navigation():
        section.get_by_role("link", name=text(ACTION, "title", lang), exact=True).click()
    assert heading(page) == text(ACTION, "title", lang)


def sign_details(lang, **changes):
    w, reader = WORDS[lang], READER[lang]
    values = {
        w["first_name"]: reader["first"],
        w["last_name"]: reader["last"],
        w["email"]: reader["email"],
        w["zip"]: SINGLE_DISTRICT_ZIP,
        w["city"]: reader["city"],
    }
    values.update({w[key]: value for key, value in changes.items()})
    return values


# --- Signing -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_goes_from_home_to_a_story_signs_after_fixing_mistakes_and_both_languages_count_it(
    page, case, lang
):
    w, reader = WORDS[lang], READER[lang]
    open_story_from_home(page, case, lang)
    check_page(page, None, f"{lang} story")
    open_action_from_story(page, lang)
    check_page(page, None, f"{lang} action open")
    assert shown_count(page) == EARLIER_SIGNATURES

    # Mistakes: no last name, an address without @, a four-digit ZIP code.
    letter = page.locator("#act-sign")
    fill_form(letter, sign_details(lang, last_name="", email="ana.example.org", zip="2120"))
    submit(page, w["sign"])
    letter = page.locator("#act-sign")
    assert w["form_problem"] in letter.inner_text()
    expect_field_error(page, w["last_name"], UI[lang]["required"], value="", within=letter)
    expect_field_error(page, w["email"], w["invalid_email"], value="ana.example.org", within=letter)
    expect_field_error(page, w["zip"], w["invalid_zip"], value="2120", within=letter)
    for label, kept in ((w["first_name"], reader["first"]), (w["city"], reader["city"])):
        field = letter.get_by_label(label, exact=True)
        assert field.get_attribute("aria-invalid") != "true", label
        assert field.input_value() == kept, label
    check_page(page, None, f"{lang} sign form with errors")

    fill_form(letter, sign_details(lang))
    submit(page, w["sign"])
    assert heading(page) == w["signed"]
    # The cached count the reader saw before signing (no fresh +1: see the fixture above).
    assert shown_count(page) == EARLIER_SIGNATURES
    check_page(page, None, f"{lang} thank-you after signing")
    cache.clear()  # the count's cache time passes

    # The other language's page of the same action counts the same signature.
    with page.expect_navigation():
        page.get_by_role("link", name=w["back"]).click()
    switch_language(page, OTHER[lang])
    assert page.url == case.url[OTHER[lang]]["action"]
    assert heading(page) == text(ACTION, "title", OTHER[lang])
    assert shown_count(page) == EARLIER_SIGNATURES + 1


def test_keyboard_alone_signs_the_letter(page, case):
    """Tab, Space and Enter only, from the top of the Spanish action page to the thank-you."""
    lang = "es"
    w, reader = WORDS[lang], READER[lang]
    page.goto(case.url[lang]["action"])

    # The page's list of ways to act jumps to the letter.
    tab_until(page, text(ACTION, "sign_heading", lang))
    page.keyboard.press("Enter")
    # Playwright learns of a same-document navigation by an event from the browser, so the
    # URL is waited for rather than read at once (read at once it raced on a loaded CI).
    page.wait_for_url(re.compile(r"#act-sign$"), timeout=5000)

    for label, value in [
        (w["first_name"], reader["first"]),
        (w["last_name"], reader["last"]),
        (w["email"], reader["email"]),
        (w["zip"], SINGLE_DISTRICT_ZIP),
        (w["city"], reader["city"]),
    ]:
        tab_until(page, label, max_presses=3)
        page.keyboard.type(value)
    tab_until(page, w["show_publicly"], max_presses=2)
    page.keyboard.press("Space")
    assert page.get_by_label(w["show_publicly"], exact=True).is_checked()

    tab_until(page, w["sign"], max_presses=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == w["signed"]
    assert shown_count(page) == EARLIER_SIGNATURES  # cached, as for any signer
    from actions.models import ActionResponse

    assert ActionResponse.objects.filter(email=reader["email"], kind="sign").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_without_javascript_fixes_a_mistake_and_signs(nojs_page, case, lang):
    page = nojs_page
    w = WORDS[lang]
    open_story_from_home(page, case, lang)
    open_action_from_story(page, lang)

    fill_form(page.locator("#act-sign"), sign_details(lang, email="lucia@"))
    submit(page, w["sign"])
    letter = page.locator("#act-sign")
    expect_field_error(page, w["email"], w["invalid_email"], value="lucia@", within=letter)

    letter.get_by_label(w["email"], exact=True).fill(READER[lang]["email"])
    submit(page, w["sign"])
    assert heading(page) == w["signed"]
    assert shown_count(page) == EARLIER_SIGNATURES  # cached, as for any signer
    from actions.models import ActionResponse

    assert ActionResponse.objects.filter(email=READER[lang]["email"], kind="sign").exists()


# --- Calling --------------------------------------------------------------------------------


def officials_for(zip_code):
    from officials.lookup import lookup_zip

    lookup = lookup_zip(zip_code)
    assert lookup.status == "ok", lookup
    return [official.full_name for official in lookup.officials]


def call_and_log(page, case, lang, *, check):
    from actions.models import ActionResponse

    w, reader = WORDS[lang], READER[lang]
    page.goto(case.url[lang]["action"])
    call = page.locator("#act-call")
    assert text(ACTION, "call_heading", lang) in call.inner_text()

    fill_form(
        call,
        {
            w["call_first_name"]: reader["first"],
            w["city"]: reader["city"],
            w["your_zip"]: SINGLE_DISTRICT_ZIP,
        },
    )
    submit(page, w["find"])

    # Their two senators and their representative, each with the script filled in for them.
    call = page.locator("#act-call")
    names = officials_for(SINGLE_DISTRICT_ZIP)
    assert len(names) == 3
    for name in names:
        item = call.locator("li.call-list__item", has=page.get_by_role("heading", name=name))
        assert item.count() == 1, f"{page.url}: no call entry for {name}"
        assert re.search(r"tel:", item.get_by_role("link").first.get_attribute("href"))
    first = call.locator("li.call-list__item").first
    first_name_shown = first.get_by_role("heading", level=3).inner_text()
    script = first.locator(".script").inner_text()
    greeting = {"en": "Hello ", "es": "Hola, "}[lang]
    assert script.startswith(f"{greeting}{first_name_shown}"), script
    assert reader["first"] in script and reader["city"] in script
    assert "{" not in script
    assert w["what_to_say"] in first.inner_text()
    if check:
        check_page(page, None, f"{lang} call step with officials")

    before = ActionResponse.objects.filter(
        action_key=case.action["en"].translation_key, kind="call", counted=True
    ).count()
    # One tap per official: the reader taps how the call to the first official went.
    outcome = w["talked"]
    # The question names the official as a sentence does ("… a la senadora …" in Spanish).
    from django.utils import translation

    from officials.lookup import lookup_zip

    with translation.override(lang):
        in_sentence = next(
            o.name_in_sentence
            for o in lookup_zip(SINGLE_DISTRICT_ZIP).officials
            if f"{o.display_title} {o.full_name}" == first_name_shown
        )
    choices = first.get_by_role("group", name=w["how_did_it_go"].format(name=in_sentence))
    with page.expect_navigation():
        choices.get_by_role("button", name=outcome, exact=True).click()

    # Back on the call list: told what was logged, that official marked, the others still
    # waiting for their own tap.
    call = page.locator("#act-call")
    status = call.get_by_role("status").filter(has_text=w["done_calling"])
    assert status.inner_text().startswith(
        w["logged_call"].format(name=in_sentence, outcome=outcome)
    )
    logged = call.locator("li.call-list__item").first
    assert logged.get_by_role("heading", level=3).inner_text() == first_name_shown
    assert w["logged"].format(outcome=outcome) in logged.inner_text()
    assert logged.get_by_role("button").count() == 0
    for item in call.locator("li.call-list__item").all()[1:]:
        assert item.get_by_role("button", name=outcome, exact=True).count() == 1
    calls = ActionResponse.objects.filter(
        action_key=case.action["en"].translation_key, kind="call", counted=True
    )
    assert calls.count() == before + 1
    stored = calls.get()
    assert (stored.outcome, stored.official, stored.language) == ("talked", first_name_shown, lang)

    # Done calling: the thank-you page, with the same cached count as for any caller.
    with page.expect_navigation():
        status.get_by_role("link", name=w["done_calling"]).click()
    assert heading(page) == w["called"]
    assert shown_count(page) == EARLIER_SIGNATURES
    assert calls.count() == before + 1  # reaching the thank-you page logs nothing more


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_enters_a_zip_sees_their_officials_and_script_and_logs_a_call(page, case, lang):
    call_and_log(page, case, lang, check=True)


def test_reader_without_javascript_calls_and_logs_the_outcome(nojs_page, case):
    call_and_log(nojs_page, case, "es", check=False)


# --- A closed action -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_closed_action_shows_its_outcome_and_no_form(page, case, lang):
    w = WORDS[lang]
    check_page(page, case.url[lang]["closed"], f"{lang} closed action")
    main = page.locator("main")
    outcome = page.get_by_role("heading", level=2, name=w["closed"])
    assert outcome.is_visible()
    assert text(CLOSED, "outcome", lang) in main.inner_text()
    # The letter stays readable; nothing can be sent.
    assert text(CLOSED, "letter", lang) in main.inner_text()
    assert main.locator("form").count() == 0
    assert page.get_by_role("button", name=w["sign"]).count() == 0
