import pytest
from tests.factories_stories import *  # noqa

pytestmark = pytest.mark.django_db

def test_smoke(home, client):
    index = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(parent=index)
    CaseUpdateFactory(page=story)
    r = client.get(story.url)
    print(r.status_code, story.url)
    open("/tmp/st/story.html","wb").write(r.content)
    r = client.get(index.url)
    open("/tmp/st/index.html","wb").write(r.content)
    print(r.status_code)
    r = client.get(index.url + "feed/rss/")
    print(r.status_code, r.content[:800])
