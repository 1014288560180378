"""ZIP → senators and House member, on the hand-written sample and on the national data."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from officials.demo import BUILT_IN
from officials.importers import import_officials, import_zip_districts
from officials.lookup import lookup_zip
from officials.normalise import normalise_district, normalise_state, normalise_zip
from tests.factories_officials import TargetFactory, ZipDistrictFactory

DATA = Path(settings.HAVEN_DATA_DIR)


@pytest.fixture
def sample(db):
    """The built-in fictional set: VT at-large, MD-1/2 (MD-3 vacant), DC, PR."""
    import_officials(BUILT_IN / "sample-members.json")
    import_zip_districts(BUILT_IN / "sample-zip-districts.csv")


def names(targets):
    return [t.full_name for t in targets]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("21201", "21201"),
        (" 21201 ", "21201"),
        ("21201-1234", "21201-1234"),
        ("212011234", "21201-1234"),
        ("21201 1234", "21201-1234"),
        ("21201\u00a01234", "21201-1234"),  # a no-break space pasted from a document
        ("21201\u20131234", "21201-1234"),  # an en dash from a word processor
        ("２１２０１", "21201"),  # fullwidth digits
        ("２１２０１－１２３４", "21201-1234"),
        ("٢١٢٠١", "21201"),  # Arabic-Indic digits
        ("2 1 2 0 1", None),
        ("21201  -  1234", None),
        ("2120", None),
        ("212011", None),
        ("21201-12", None),
        ("abcde", None),
        ("", None),
        (None, None),
    ],
)
def test_one_normaliser_reads_zip_and_zip_plus_four_in_any_decimal_digits(raw, expected):
    assert normalise_zip(raw) == expected


@pytest.mark.parametrize(
    ("state", "district", "expected"),
    [
        ("md", "7", ("MD", 7)),
        (" MD ", "07", ("MD", 7)),
        ("ＭＤ", "０", ("MD", 0)),
        ("Maryland", "100", ("", None)),
        ("M", "-1", ("", None)),
        ("", "½", ("", None)),
        (None, None, ("", None)),
    ],
)
def test_one_normaliser_reads_the_seat_a_reader_picked(state, district, expected):
    assert (normalise_state(state), normalise_district(district)) == expected


def test_lookup_reads_fullwidth_digits_as_the_same_zip(sample):
    assert lookup_zip("２１２０１").representatives == lookup_zip("21201").representatives
    assert lookup_zip("２１２０１").zip_code == "21201"


def test_single_district_zip_gives_two_senators_and_the_member(sample):
    result = lookup_zip("21201-0001")
    assert result.status == "ok"
    assert (result.zip_code, result.state, result.district) == ("21201", "MD", 1)
    assert names(result.senators) == ["Morgan Hale", "Dana Whitcombe"]
    assert names(result.representatives) == ["Samuel Achterberg"]
    assert names(result.officials) == ["Morgan Hale", "Dana Whitcombe", "Samuel Achterberg"]
    assert result.vacant is False and result.message == ""


def test_split_zip_asks_for_the_district_and_names_every_candidate(sample):
    result = lookup_zip("21202")
    assert result.status == "choose_district"
    assert result.district is None
    assert result.district_choices == (1, 2)
    assert names(result.representatives) == ["Samuel Achterberg", "Lucía Márquez"]
    assert [(d, m.full_name) for d, m in result.district_options] == [
        (1, "Samuel Achterberg"),
        (2, "Lucía Márquez"),
    ]
    assert result.officials == ()  # never silently the first
    assert result.message == "Your ZIP code is in more than one district — choose yours."

    chosen = lookup_zip("21202", "MD", 2)
    assert chosen.status == "ok"
    assert names(chosen.officials) == ["Morgan Hale", "Dana Whitcombe", "Lucía Márquez"]


def test_a_district_that_is_not_the_zips_is_ignored_and_asked_again(sample):
    assert lookup_zip("21202", "MD", 7).status == "choose_district"
    assert lookup_zip("21202", "MD", "seven").status == "choose_district"


def test_two_state_zip_asks_for_the_state_first(sample):
    result = lookup_zip("20012")
    assert result.status == "choose_state"
    assert result.state_choices == ("DC", "MD")
    assert [name for _, name in result.state_options] == ["District of Columbia", "Maryland"]
    assert result.officials == ()
    assert result.message == "Your ZIP code is in more than one state — choose yours."

    maryland = lookup_zip("20012", "md")
    assert (maryland.status, maryland.state, maryland.district) == ("ok", "MD", 2)
    assert names(maryland.representatives) == ["Lucía Márquez"]
    dc = lookup_zip("20012", "DC")
    assert names(dc.officials) == ["Theodora Banks"]


def test_at_large_state_gives_district_zero(sample):
    result = lookup_zip("05401")
    assert (result.state, result.district) == ("VT", 0)
    assert len(result.senators) == 2
    assert result.representatives[0].seat_label == "Vermont, at-large"


def test_dc_and_puerto_rico_show_their_delegate_and_no_senators(sample):
    dc = lookup_zip("20001")
    assert dc.status == "ok" and dc.senators == ()
    assert [(t.display_title, t.full_name) for t in dc.officials] == [
        ("Delegate", "Theodora Banks")
    ]
    pr = lookup_zip("00901")
    assert pr.senators == ()
    assert pr.representatives[0].display_title == "Resident Commissioner"


def test_territory_missing_from_the_zip_table_still_finds_its_delegate(db):
    TargetFactory(state="GU", district=0, title="Delegate", full_name="Guam Delegate")
    result = lookup_zip("96910")
    assert result.status == "ok" and result.state == "GU"
    assert names(result.officials) == ["Guam Delegate"]


def test_vacant_seat_is_reported_with_the_senators(sample):
    result = lookup_zip("21203")
    assert result.status == "ok" and result.vacant is True
    assert result.representatives == ()
    assert names(result.officials) == ["Morgan Hale", "Dana Whitcombe"]
    assert "vacant" in result.message


def test_former_members_are_never_offered(db):
    ZipDistrictFactory(zip_code="21201", state="MD", district=1)
    TargetFactory(state="MD", district=1, is_current=False, full_name="Former Member")
    assert lookup_zip("21201").vacant is True


@pytest.mark.parametrize("raw", ["", "2120", "hello", "21201-", "<script>"])
def test_malformed_zip_is_invalid_with_a_message_in_both_languages(db, raw):
    result = lookup_zip(raw)
    assert (result.status, result.zip_code, result.officials) == ("invalid", "", ())
    assert result.message == "Enter a 5-digit ZIP code, like 20500."
    with translation.override("es"):
        assert result.message == "Escriba un código postal de 5 dígitos, como 20500."


def test_unknown_zip_says_so_in_both_languages(sample):
    result = lookup_zip("99999")
    assert result.status == "unknown" and result.zip_code == "99999"
    assert "We could not find ZIP code 99999" in result.message
    with translation.override("es"):
        assert "No encontramos el código postal 99999" in result.message


def test_titles_and_choices_are_localised_in_spanish(sample):
    result = lookup_zip("21202")
    with translation.override("es"):
        assert result.message == "Su código postal está en más de un distrito: elija el suyo."
        # Gendered from the data's bio.gender (Morgan Hale: F, Dana Whitcombe: M).
        assert [(t.display_title, t.full_name) for t in result.senators] == [
            ("Senadora", "Morgan Hale"),
            ("Senador", "Dana Whitcombe"),
        ]
        assert result.representatives[1].seat_label == "Maryland, distrito 2"


def test_lookup_takes_a_constant_number_of_queries(sample, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        result = lookup_zip("21202", "MD", 2)
        [list(t.offices.all()) for t in result.officials]


@pytest.mark.skipif(not (DATA / "zccd.csv").is_file(), reason="public data not present")
@pytest.mark.django_db
def test_national_data_lookups():
    import_officials(DATA / "legislators-current.json")
    import_zip_districts(DATA / "zccd.csv")

    single = lookup_zip("01001")
    assert (single.status, single.state, single.district) == ("ok", "MA", 1)
    assert len(single.senators) == 2 and len(single.representatives) == 1

    split = lookup_zip("10001")
    assert split.status == "choose_district" and split.district_choices == (10, 12)
    assert len(split.representatives) == 2

    three_states = lookup_zip("82082")
    assert three_states.status == "choose_state"
    assert three_states.state_choices == ("CO", "NE", "WY")
    colorado = lookup_zip("82082", "CO")
    assert colorado.status == "choose_district" and colorado.district_choices == (4, 8)
    assert lookup_zip("82082", "WY").representatives[0].district == 0

    at_large = lookup_zip("99501")
    assert (at_large.state, at_large.district, len(at_large.officials)) == ("AK", 0, 3)

    dc = lookup_zip("20001")
    assert dc.senators == () and dc.representatives[0].title == "Delegate"

    vacant = lookup_zip("30017")
    assert (vacant.state, vacant.district, vacant.vacant) == ("GA", 13, True)
    assert len(vacant.officials) == 2

    assert lookup_zip("96799").representatives[0].state == "AS"
    assert lookup_zip("2050").status == "invalid"


def test_edits_and_imports_reach_the_in_memory_index_at_once(sample, tmp_path):
    member = lookup_zip("21201").representatives[0]
    fresh = type(member).objects.get(pk=member.pk)
    fresh.phone = "202-555-0177"
    fresh.save()  # an editor's change in the admin
    assert lookup_zip("21201").representatives[0].phone == "202-555-0177"

    records = json.loads((BUILT_IN / "sample-members.json").read_text())
    records = [r for r in records if r["id"]["bioguide"] != "X000006"]  # MD-1 leaves
    path = tmp_path / "legislators-current.json"
    path.write_text(json.dumps(records))
    import_officials(path)
    assert lookup_zip("21201").vacant is True


@pytest.mark.parametrize(
    ("raw", "seat"),
    [
        ("21201-0001", ("MD", "1")),  # one district
        ("21202", ("MD", "")),  # split between districts: the state alone
        ("20012", ("", "")),  # two states: neither
        ("05401", ("VT", "0")),  # at large
        ("00901", ("PR", "0")),
        ("96910", ("GU", "0")),  # a territory missing from the table
        ("99999", ("", "")),  # unknown
        ("2120", ("", "")),  # malformed
    ],
)
def test_the_seat_stored_with_a_signature_is_the_full_lookups_seat(sample, raw, seat):
    from officials.lookup import lookup_zip_safely, seat_for_zip, seat_of

    assert seat_for_zip(raw) == seat == seat_of(lookup_zip_safely(raw))
