"""Steps journeys share, written the way a person works: by visible labels and roles, never
by CSS selectors a redesign would break.

The reader, editor and translator journeys (test_reader_journeys.py,
test_admin_journeys.py, test_journeys.py) are built from these.
"""

import re

# pytest-django's `admin_user` fixture: a superuser "admin" with this password.
ADMIN_PASSWORD = "password"

# The site chrome's words in each language, as a reader sees them.
UI = {
    "en": {
        "main_nav": "Main",
        "language_nav": "Language",
        "language": "English",
        "search": "Search",
        "search_label": "Search for stories and actions",
        "skip": "Skip to main content",
        "required": "This field is required.",
    },
    "es": {
        "main_nav": "Principal",
        "language_nav": "Idioma",
        "language": "Español",
        "search": "Buscar",
        "search_label": "Buscar historias y acciones",
        "skip": "Saltar al contenido principal",
        "required": "Este campo es obligatorio.",
    },
}


def url_path(page):
    """The current URL's path (and query), without the live server's scheme and port."""
    return re.sub(r"^https?://[^/]+", "", page.url)


def switch_language(page, to):
    """Follow the header's language switcher to language `to` ("en" or "es")."""
    current = page.locator("html").get_attribute("lang")
    switcher = page.get_by_role("navigation", name=UI[current]["language_nav"])
    with page.expect_navigation():
        switcher.get_by_role("link", name=UI[to]["language"]).click()


def main_nav(page):
    lang = page.locator("html").get_attribute("lang")
    return page.get_by_role("navigation", name=UI[lang]["main_nav"])


def search_site(page, query):
    """Use the header's search link and the search form, as a reader would."""
    lang = page.locator("html").get_attribute("lang")
    with page.expect_navigation():
        main_nav(page).get_by_role("link", name=UI[lang]["search"], exact=True).click()
    page.get_by_label(UI[lang]["search_label"]).fill(query)
    with page.expect_navigation():
        page.get_by_label(UI[lang]["search_label"]).press("Enter")


def login_admin(page, live_server, user, password=ADMIN_PASSWORD):
    """Sign in to the Wagtail admin through its login form; returns on the dashboard."""
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert "/admin/login/" not in page.url, f"admin login failed for {user.get_username()}"


def publish_in_admin(page):
    """Press the editor's Publish action (it sits in the footer's action menu)."""
    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        publish.click()


def fill_form(page, values):
    """Fill fields by their visible label: {"Email": "a@example.org", "Country": "Mexico"}.

    Selects are chosen by option label, checkboxes set from a bool, everything else typed.
    `page` may also be a locator, for a page with two forms that share labels (an action's
    letter and call steps both ask for a city).
    """
    for label, value in values.items():
        field = page.get_by_label(label, exact=True)
        tag = field.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '')")
        if tag.startswith("select"):
            field.select_option(label=value)
        elif tag in {"input:checkbox", "input:radio"}:
            field.set_checked(bool(value))
        else:
            field.fill(value)


def submit(page, button_name, *, within=None):
    with page.expect_navigation():
        (within or page).get_by_role("button", name=button_name).click()


def field_error_text(page, field_label, *, within=None):
    """Text of the error messages tied to a field: its aria-describedby targets and the
    error elements inside the field's own wrapper."""
    field = (within or page).get_by_label(field_label, exact=True)
    return field.evaluate(
        """el => {
          const parts = [];
          for (const id of (el.getAttribute('aria-describedby') || '').split(/\\s+/)) {
            const target = id && document.getElementById(id);
            if (target) parts.push(target.innerText);
          }
          const wrapper = el.closest('.field, fieldset, p, div');
          if (wrapper) for (const e of wrapper.querySelectorAll('.field__error, .errorlist'))
            parts.push(e.innerText);
          return parts.join('\\n');
        }"""
    )


def expect_field_error(page, field_label, message, *, value=None, within=None):
    """The error `message` is shown next to the field labelled `field_label`, the field is
    marked invalid for assistive technology, and (when given) the entered `value` is kept.

    `within` (a locator) picks the form when two on the page share the label."""
    text = field_error_text(page, field_label, within=within)
    assert message in text, (
        f"{page.url}: expected error {message!r} next to {field_label!r}, found {text!r}"
    )
    field = (within or page).get_by_label(field_label, exact=True)
    assert field.get_attribute("aria-invalid") == "true", (
        f"{page.url}: field {field_label!r} is not marked aria-invalid"
    )
    if value is not None:
        assert field.input_value() == value, (
            f"{page.url}: field {field_label!r} lost the entered value {value!r}"
        )


def focused_element(page):
    """Tag, id, classes and text of the focused element, for keyboard assertions."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), id: el.id, className: el.className,
                  text: (el.innerText || '').trim(), top: el.getBoundingClientRect().top};
        }"""
    )


def tab_until(page, text, *, max_presses=40):
    """Press Tab until the focused element's text or accessible label contains `text`;
    for journeys that must be completed with the keyboard alone."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
              return [el.innerText || '', el.value || '', label,
                      el.getAttribute('aria-label') || ''].join(' ');
            }"""
        )
        if text in focused:
            return
    raise AssertionError(f"{page.url}: {text!r} not reached within {max_presses} Tab presses")
