"""On a 360 px phone the sign form starts within the first screen and a half, in both
languages: the header is compact and the letter is folded above the form."""

import pytest

PHONE = {"width": 360, "height": 740}
# About one and a half phone screens: how far a reader scrolls before giving up on a form.
FIRST_FIELD_LIMIT = 1200


@pytest.mark.parametrize("lang", ["en", "es"])
def test_first_field_of_the_sign_form_is_near_the_top_on_a_phone(page, case, lang):
    page.set_viewport_size(PHONE)
    page.goto(case.url[lang]["action"])
    field = page.locator("#act-sign form input[name='sign-first_name']")
    top = field.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top <= FIRST_FIELD_LIMIT, f"{lang}: the first field starts {top:.0f} px down"
    # The folded letter is one tap away, and every word is there.
    letter = page.locator("#act-sign details.letter-fold")
    assert not letter.locator(".letter").is_visible()
    letter.locator("summary").click()
    assert letter.locator(".letter").is_visible()
    assert case.action[lang].ways_to_act[0].value["demands"][0] in letter.inner_text()


def test_header_is_compact_on_a_phone(page, case):
    page.set_viewport_size(PHONE)
    page.goto(case.url["es"]["action"])
    height = page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height")
    assert height <= 150, f"the header is {height:.0f} px tall at 360 px"
