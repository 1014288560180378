"""An editor's own target titles reach translators through the dashboard."""

import pytest
from django.urls import reverse

from officials.models import TargetTitle
from tests.factories_officials import TargetFactory
from translation.dashboard import dashboard_rows

pytestmark = pytest.mark.django_db


def test_untranslated_title_is_on_the_translators_dashboard(home, home_es, roles):
    TargetFactory(custom=True, title="President", full_name="Joe Biden")
    rows = [r for r in dashboard_rows() if r.title == "President"]
    assert len(rows) == 1 and rows[0].missing


def test_translator_translates_a_title_in_the_admin(client, home_es, spanish, roles, translator):
    TargetFactory(custom=True, title="President", full_name="Joe Biden")
    title = TargetTitle.objects.get(name="President")
    client.force_login(translator)
    html = client.get(reverse("translation:dashboard")).content.decode()
    assert "President" in html
    start = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["officials", "targettitle", title.pk],
    )
    assert start in html
