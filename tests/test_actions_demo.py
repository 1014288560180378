"""The demo has open and closed actions of each kind, in both languages, with responses,
an open pledge and a letter with its own version for the chosen official.

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
    assert kinds == {
        "open": {"sign", "pledge", "call", "email"},
        "closed": {"sign", "call", "email"},
    }
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


def test_demo_pledge_shows_its_form_and_count_in_both_languages(demo_site, client):
    """A reader finds the pledge from its story, sees what they commit to, the fields asked
    for and how many have pledged; a Spanish reader sees the same in Spanish."""
    english = client.get("/en/actions/watch-the-hearings-of-the-seven/").content.decode()
    assert "I will attend at least one of the seven" in english
    assert 'name="pledge-city"' in english and 'name="pledge-organisation"' in english
    assert ">I will be there</button>" in english
    assert "<strong data-count>3</strong> actions taken of a goal of 100" in english
    assert "The seven: asked for asylum together, held together" in english

    spanish = client.get("/es/acciones/acompanen-las-audiencias-de-los-siete/").content.decode()
    assert '<html lang="es">' in spanish
    assert "Asistiré al menos a una de las audiencias de los siete" in spanish
    assert 'name="pledge-city"' in spanish
    assert ">Ahí estaré</button>" in spanish
    assert "<strong data-count>3</strong> acciones realizadas de una meta de 100" in spanish
    assert "Los siete: pidieron asilo juntos y siguen detenidos juntos" in spanish

    pledge = UrgentActionPage.objects.get(slug="watch-the-hearings-of-the-seven")
    assert set(
        ActionResponse.objects.filter(action_key=pledge.translation_key).values_list(
            "kind", flat=True
        )
    ) == {"pledge"}


def test_demo_letter_version_is_addressed_to_the_chosen_official(demo_site, client):
    """The K. family letter has a version for the official chosen on it: the copy that
    office receives greets it by name, and readers see that greeting in their language."""
    from actions.delivery import letter_text

    release = UrgentActionPage.objects.get(slug="release-the-family")
    [version] = release.letter_versions.all()
    assert version.audience == "chosen" and version.greeting == "Dear {official},"
    [director] = release.get_chosen_targets()
    letter = letter_text(release, director)
    assert letter.startswith("Dear Field Office Director Jordan Reyes-Hall,\n\n")
    assert "the decision on Mr. K.'s parole rests with your office" in letter
    assert "1. Release Mr. K. on parole while his case is heard." in letter

    english = client.get("/en/actions/release-the-family/").content.decode()
    assert "The version the chosen officials receive" in english
    assert "<p>Dear Field Office Director Jordan Reyes-Hall,</p>" in english
    spanish = client.get("/es/acciones/liberen-a-la-familia/").content.decode()
    assert "La versión que reciben los funcionarios elegidos" in spanish
    assert "<p>Estimado Director de la Oficina Local Jordan Reyes-Hall:</p>" in spanish
    assert "Le escribimos por su nombre" in spanish
    assert "{official}" not in english + spanish
