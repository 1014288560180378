"""Editors manage their own targets (create, edit, retire) with titles in Spanish; imported
members of Congress stay the importer's."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.roles import ensure_roles
from officials.models import Target, TargetTitleTranslation
from tests.actions_helpers import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _target_form(**overrides):
    data = {
        "title": "Secretary of Homeland Security",
        "chamber": "other",
        "full_name": "Dana Custom",
        "first_name": "Dana",
        "last_name": "Custom",
        "party": "",
        "state": "",
        "district": "",
        "phone": "202-555-0199",
        "email": "secretary@dhs.example",
        "office_address": "",
        "website": "",
        "contact_form_url": "",
        "term_start": "",
        "term_end": "",
        "is_current": "on",
        "bioguide_id": "",
        "title_translations": inline_formset(
            [{"language": "es", "title": "Secretaria de Seguridad Nacional"}]
        ),
        "offices": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_creates_a_target_with_a_spanish_title(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/officials/target/add/").status_code == 200
    response = client.post("/admin/snippets/officials/target/add/", _target_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    target = Target.objects.get(full_name="Dana Custom")
    assert target.email == "secretary@dhs.example"
    assert TargetTitleTranslation.objects.get(target=target).title == (
        "Secretaria de Seguridad Nacional"
    )


def test_an_editor_retires_a_target_but_cannot_delete_it(client, editor):
    target = Target.objects.create(title="Mayor", full_name="Ana Mayor", chamber="other")
    client.force_login(editor)
    response = client.post(
        f"/admin/snippets/officials/target/edit/{target.pk}/",
        _target_form(title="Mayor", full_name="Ana Mayor", is_current="", email=""),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_current
    delete = client.post(f"/admin/snippets/officials/target/delete/{target.pk}/")
    assert Target.objects.filter(pk=target.pk).exists()
    assert delete.status_code in (302, 403)


def test_readers_see_the_title_in_their_language(
    client, action_index, action_es, spanish, home_es, django_capture_on_commit_callbacks
):
    from django.utils import translation

    target = Target.objects.create(
        title="Secretary of Homeland Security", full_name="Dana Custom", chamber="other"
    )
    TargetTitleTranslation.objects.create(
        target=target, language="es", title="Secretaria de Seguridad Nacional"
    )
    with translation.override("es"):
        assert target.display_title == "Secretaria de Seguridad Nacional"
    with translation.override("en"):
        assert target.display_title == "Secretary of Homeland Security"


def test_reimport_keeps_editor_targets_and_their_translations(tmp_path):
    from officials.importers import import_officials
    from officials.tests.test_officials_import import VERMONT, write_json

    target = Target.objects.create(title="Mayor", full_name="Ana Mayor", chamber="other")
    TargetTitleTranslation.objects.create(target=target, language="es", title="Alcaldesa")
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    import_officials(write_json(tmp_path, "b.json", VERMONT[:2]))
    target.refresh_from_db()
    assert target.is_current
    assert list(target.title_translations.values_list("title", flat=True)) == ["Alcaldesa"]
    assert Target.objects.filter(is_current=False).exclude(bioguide_id="").exists()


def test_editors_group_has_target_permissions_granted_in_one_place():
    ensure_roles()
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_target", "change_target", "view_target"} <= codenames
    assert "delete_target" not in codenames
