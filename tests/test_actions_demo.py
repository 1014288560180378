"""The demo has open and closed actions of each kind, in both languages, with responses.

These tests read the demo loaded once for the run (`demo_site` in conftest.py)."""

import pytest
from wagtail.models import Locale

from actions.models import ActionResponse, UrgentActionPage

pytestmark = pytest.mark.django_db


def test_demo_actions_cover_each_kind_open_and_closed_in_both_languages(demo_site, client):
    english = UrgentActionPage.objects.filter(locale__language_code="en").live()
    kinds = {"open": set(), "closed": set()}
    for page in english:
        for block in page.ways_to_act:
            kinds["open" if page.is_open else "closed"].add(block.block_type)
        spanish = page.get_translation(Locale.objects.get(language_code="es"))
        assert spanish.live
        assert client.get(spanish.url).status_code == 200
    assert kinds == {"open": {"sign", "call", "email"}, "closed": {"sign", "call", "email"}}
    assert ActionResponse.objects.filter(email__endswith="example.org").exists()
    assert (
        not ActionResponse.objects.exclude(email="")
        .exclude(email__regex=r"@example\.(org|com)$")
        .exists()
    )
    release = english.get(slug="release-the-family")
    assert [t.full_name for t in release.get_chosen_targets()] == ["Jordan Reyes-Hall"]
    html = client.get("/es/acciones/liberen-a-la-familia/").content.decode()
    assert "Firme la carta" in html
