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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_district_choices_on_an_action_are_large_touch_targets(page, case, lang):
    """A ZIP shared by two districts asks which one; on a phone each choice is a box the
    whole of which can be tapped (the stylesheet is linked on every page, not only the
    representatives page)."""
    from tests.browser.checks import check_page

    page.set_viewport_size(PHONE)
    page.goto(case.url[lang]["action"])
    call = page.locator("#act-call")
    call.locator("input[name='zip']").fill("21202")
    with page.expect_navigation():
        call.locator("button[type=submit]").click()
    choices = page.locator("#act-call .zip-lookup__choice")
    assert choices.count() >= 2
    for n in range(choices.count()):
        box = choices.nth(n).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 250, box
    # Tapping the far side of the box (on no text) still picks that district.
    last = choices.nth(choices.count() - 1)
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] / 2)
    assert last.locator("input[type=radio]").is_checked()
    check_page(page, None, f"{lang} action district choice", widths=(360,))
