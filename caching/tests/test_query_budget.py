"""Every public page costs at most 15 queries in either language, none of them twice,
whatever its length (a story with many updates and linked actions included)."""

from collections import Counter

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BUDGET = 15
PAGES = ["home", "cases", "actions", "story", "action", "about"]


def _public_urls(site_pages, language):
    pages = getattr(site_pages, language)
    return [getattr(pages, name).url for name in PAGES] + [
        f"/{language}/representatives/",
        f"/{language}/search/?q=family",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_stay_within_the_query_budget_without_duplicates(
    site_pages, language, django_assert_max_num_queries, settings
):
    # Counts are recounted every few seconds in production; a slow test run must not
    # turn that refresh into a difference between the warm-up and the measured request.
    settings.ACTIONS_COUNT_CACHE_SECONDS = 3600
    urls = _public_urls(site_pages, language)
    reader = Client()
    for url in urls:  # as readers meet them after the first visitor: renditions exist
        assert reader.get(url).status_code == 200, url
    for url in urls:
        with django_assert_max_num_queries(BUDGET, info=url) as captured:
            response = Client().get(url)
        assert response.status_code == 200
        repeated = {sql: n for sql, n in Counter(q["sql"] for q in captured).items() if n > 1}
        assert not repeated, f"{url} repeats: {repeated}"
