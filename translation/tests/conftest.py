"""Fixtures for the translation tests: the roles, a translator and an editor.

pytest finds them here for every module in translation/tests.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.roles import EDITORS, TRANSLATORS, ensure_roles


def make_user(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="pw-for-tests"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def roles(home_es):
    """Groups and workflow as after `migrate` on a site whose Spanish home exists."""
    return ensure_roles()


@pytest.fixture
def translator(roles):
    return make_user("traductora", TRANSLATORS)


@pytest.fixture
def editor(roles):
    return make_user("editor", EDITORS)
