"""Targets editors create get a translatable title: "Field Office Director" is offered to
translators as a snippet and shown in Spanish once translated."""

import pytest
from django.utils import translation

from officials.models import Target, TargetTitle
from tests.factories_officials import TargetFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db


def test_an_editors_target_offers_its_title_to_translators(db):
    TargetFactory(custom=True, title="Field Office Director", full_name="Ana Ruiz")
    TargetFactory(custom=True, title="Field Office Director", full_name="Luis Paz")
    assert list(TargetTitle.objects.values_list("name", flat=True)) == ["Field Office Director"]
    # Imported members' titles are in the UI catalogue, not offered again.
    TargetFactory(senator=True, gender="F")
    assert not TargetTitle.objects.filter(name="Senator").exists()


def test_translated_title_is_shown_in_spanish_and_english_stays(
    spanish, django_capture_on_commit_callbacks
):
    target = TargetFactory(custom=True, title="Field Office Director", full_name="Ana Ruiz")
    with translation.override("es"):
        assert target.display_title == "Field Office Director"  # not translated yet
    title = TargetTitle.objects.get(name="Field Office Director")
    with django_capture_on_commit_callbacks(execute=True):
        translate(title, spanish, {"Field Office Director": "Directora de la oficina local"})
    target = Target.objects.get(pk=target.pk)
    with translation.override("es"):
        assert target.display_title == "Directora de la oficina local"
        assert str(target).startswith("Directora de la oficina local Ana Ruiz")
    assert target.display_title == "Field Office Director"
