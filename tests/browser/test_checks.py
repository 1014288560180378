"""The checks themselves: a page with known faults must fail with the URL, the step and
each tool's message, or a green run would prove nothing."""

import pytest

from tests.browser.checks import check_page, nu_checker

BROKEN = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broken on purpose</title></head>
<body>
<main>
  <h1>Broken on purpose</h1>
  <ul><div>A div straight inside a list</div></ul>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
  <div style="width: 900px">Wider than a phone</div>
  <p style="position: relative">First sentence sits here.</p>
  <p style="position: relative; top: -1.6em">Second sentence on top of it.</p>
</main>
</body>
</html>"""


def test_a_broken_page_fails_with_url_step_and_each_tools_message(page):
    url = "http://broken.invalid/page/"
    page.route(url, lambda route: route.fulfill(body=BROKEN, content_type="text/html"))
    with pytest.raises(pytest.fail.Exception) as failure:
        check_page(page, url, "broken on purpose")
    message = str(failure.value)
    assert url in message
    assert "(step: broken on purpose)" in message
    assert "[axe 360px] image-alt (critical)" in message
    assert "[layout 360px] horizontal scrolling" in message
    assert "[layout 1280px] overlapping text" in message
    assert "Second sentence on top of it." in message
    if not nu_checker.unavailable:
        assert "[vnu]" in message and "“div” not allowed as child of element “ul”" in message


CLOSED_DETAILS = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Closed details</title></head>
<body>
<main>
  <h1>Whom to call</h1>
  <ol>
    <li><h2>Senator One</h2>
      <details><summary>What to say</summary><p>Hello Senator One, please act today.</p></details>
    </li>
    <li><h2>Senator Two</h2>
      <details><summary>What to say</summary><p>Hello Senator Two, please act today.</p></details>
    </li>
  </ol>
</main>
</body>
</html>"""


def test_text_folded_away_in_a_closed_details_is_not_overlapping_text(page):
    """A closed <details> still gives its hidden text boxes where the next item sits; only
    what a reader can see may count as overlapping."""
    url = "http://closed-details.invalid/page/"
    page.route(url, lambda route: route.fulfill(body=CLOSED_DETAILS, content_type="text/html"))
    check_page(page, url, "closed details")
