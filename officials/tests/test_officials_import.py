"""The importers: real public files from HAVEN_DATA_DIR and small hand-written files."""

import json
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from officials import demo as officials_demo
from officials.importers import (
    DataImportError,
    import_officials,
    import_zip_districts,
)
from officials.lookup import lookup_zip
from officials.models import Target, TargetOffice, ZipDistrict
from tests.factories_officials import TargetFactory

DATA = Path(settings.HAVEN_DATA_DIR)
needs_public_data = pytest.mark.skipif(
    not (DATA / "legislators-current.json").is_file() or not (DATA / "zccd.csv").is_file(),
    reason="public data files not present in HAVEN_DATA_DIR",
)


def member(bioguide, last, kind="rep", state="VT", district=0, phone="202-555-0100", **extra):
    term = {
        "type": kind,
        "start": "2025-01-03",
        "end": "2027-01-03",
        "state": state,
        "party": "Democrat",
        "phone": phone,
        "url": f"https://example.org/{last.lower()}",
        **extra,
    }
    if kind == "rep":
        term["district"] = district
    return {
        "id": {"bioguide": bioguide},
        "name": {"first": "Sam", "last": last, "official_full": f"Sam {last}"},
        "terms": [{"type": kind, "start": "2019-01-03", "state": state}, term],
    }


VERMONT = [
    member("A000001", "Alder", "sen"),
    member("A000002", "Birch", "sen"),
    member("A000003", "Cedar"),
]


def write_json(tmp_path, name, records):
    path = tmp_path / name
    path.write_text(json.dumps(records))
    return path


def write_zccd(tmp_path, rows, name="zccd.csv"):
    path = tmp_path / name
    lines = ["state_fips,state_abbr,zcta,cd"] + [",".join(map(str, r)) for r in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


# Real public files -----------------------------------------------------------------------


@needs_public_data
@pytest.mark.django_db
def test_real_files_give_100_senators_two_per_state_and_every_district_a_member_or_vacancy():
    officials = import_officials(DATA / "legislators-current.json")
    zips = import_zip_districts(DATA / "zccd.csv")

    senators = Target.objects.current().filter(chamber=Target.Chamber.SENATE)
    assert senators.count() == 100
    per_state = {}
    for state in senators.values_list("state", flat=True):
        per_state[state] = per_state.get(state, 0) + 1
    assert len(per_state) == 50 and set(per_state.values()) == {2}
    assert Target.objects.current().filter(chamber=Target.Chamber.HOUSE).count() == 437
    assert officials.counts["offices"] == TargetOffice.objects.count() == 1312
    assert Target.objects.get(state="PR", chamber="house").title == "Resident Commissioner"
    assert Target.objects.get(state="DC", chamber="house").title == "Delegate"
    # The one malformed link upstream is reported, not stored.
    assert any("F000484" in w and "contact form" in w for w in officials.warnings)
    assert not Target.objects.get(bioguide_id="F000484").contact_form_url

    assert zips.counts["zips"] == ZipDistrict.objects.values("zip_code").distinct().count()
    assert zips.counts["rows"] == ZipDistrict.objects.count() == 42033
    assert zips.counts["two_state"] == 109
    assert 0.21 < zips.counts["split"] / zips.counts["zips"] < 0.22
    assert zips.counts["vacant_seats"] == ["CA-14", "FL-20", "GA-13", "TX-23"]


@needs_public_data
@pytest.mark.django_db
def test_reimporting_real_files_in_either_format_changes_nothing():
    import_officials(DATA / "legislators-current.json")
    import_zip_districts(DATA / "zccd.csv")
    stamps = dict(Target.objects.values_list("pk", "updated_at"))
    office_ids = set(TargetOffice.objects.values_list("pk", flat=True))

    again = import_officials(DATA / "legislators-current.yaml")
    zips_again = import_zip_districts(DATA / "zccd.csv")

    assert again.counts["created"] == again.counts["updated"] == again.counts["retired"] == 0
    assert again.counts["unchanged"] == 537
    assert again.counts["offices_written"] == again.counts["offices_deleted"] == 0
    assert not again.changed and not zips_again.changed
    assert dict(Target.objects.values_list("pk", "updated_at")) == stamps
    assert set(TargetOffice.objects.values_list("pk", flat=True)) == office_ids


# Hand-written files ----------------------------------------------------------------------


@pytest.mark.django_db
def test_member_missing_from_a_new_file_is_marked_not_current_not_deleted(tmp_path):
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    report = import_officials(write_json(tmp_path, "b.json", VERMONT[:2]))

    gone = Target.objects.get(bioguide_id="A000003")
    assert gone.is_current is False
    assert report.counts["retired"] == 1
    assert Target.objects.current().count() == 2
    # Back in a later file, the same row is current again rather than duplicated.
    import_officials(write_json(tmp_path, "c.json", VERMONT))
    assert Target.objects.filter(bioguide_id="A000003", is_current=True).count() == 1


@pytest.mark.django_db
def test_editors_own_targets_survive_every_import(tmp_path):
    governor = TargetFactory(custom=True, full_name="Governor Example")
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    import_officials(write_json(tmp_path, "b.json", VERMONT[:2]))
    governor.refresh_from_db()
    assert governor.is_current


@pytest.mark.django_db
def test_changed_fields_are_updated_and_last_term_is_the_current_one(tmp_path):
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    moved = [*VERMONT[:2], member("A000003", "Cedar", phone="202-555-0199")]
    report = import_officials(write_json(tmp_path, "b.json", moved))
    cedar = Target.objects.get(bioguide_id="A000003")
    assert report.counts["updated"] == 1 and report.counts["unchanged"] == 2
    assert cedar.phone == "202-555-0199"
    assert str(cedar.term_start) == "2025-01-03"
    assert cedar.chamber == "house" and cedar.district == 0 and cedar.title == "Representative"


@pytest.mark.django_db
def test_bad_phone_and_url_are_reported_and_left_blank(tmp_path):
    records = [
        *VERMONT[:2],
        member("A000003", "Cedar", phone="call us", contact_form="javascript:alert(1)"),
    ]
    report = import_officials(write_json(tmp_path, "a.json", records))
    cedar = Target.objects.get(bioguide_id="A000003")
    assert cedar.phone == "" and cedar.contact_form_url == ""
    assert any("phone 'call us'" in w for w in report.warnings)
    assert any("contact form" in w for w in report.warnings)


@pytest.mark.django_db
def test_state_without_two_senators_is_reported(tmp_path):
    report = import_officials(write_json(tmp_path, "a.json", VERMONT[1:]))
    assert "VT has 1 senator(s) in the file, not 2." in report.warnings


@pytest.mark.django_db
def test_file_that_would_retire_most_members_is_refused_and_changes_nothing(tmp_path):
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    with pytest.raises(DataImportError, match="retire 3 of 3"):
        import_officials(write_json(tmp_path, "b.json", [member("B000001", "Other")]))
    assert Target.objects.current().count() == 3
    assert not Target.objects.filter(bioguide_id="B000001").exists()


@pytest.mark.django_db
def test_yaml_and_unreadable_files(tmp_path):
    path = tmp_path / "legislators-current.yaml"
    path.write_text(
        "- id: {bioguide: A000001}\n"
        "  name: {first: Sam, last: Alder}\n"
        "  terms:\n"
        "  - {type: sen, start: 2025-01-03, end: 2031-01-03, state: VT, party: Independent,\n"
        "     phone: 202-555-0100, url: 'https://example.org/alder'}\n"
    )
    import_officials(path)
    alder = Target.objects.get(bioguide_id="A000001")
    assert alder.full_name == "Sam Alder" and alder.title == "Senator"
    assert str(alder.term_end) == "2031-01-03"
    with pytest.raises(DataImportError, match="Cannot read"):
        import_officials(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("[{")
    with pytest.raises(DataImportError, match="neither valid JSON"):
        import_officials(tmp_path / "broken.json")


@pytest.mark.django_db
def test_offices_file_beside_the_members_file_is_synchronised(tmp_path):
    members = write_json(tmp_path, "legislators-current.json", VERMONT)
    offices = [
        {
            "id": {"bioguide": "A000003"},
            "offices": [
                {"id": "A000003-burlington", "city": "Burlington", "phone": "802-555-0100"},
                {"id": "A000003-rutland", "city": "Rutland", "phone": "802-555-0101"},
            ],
        }
    ]
    write_json(tmp_path, "legislators-district-offices.json", offices)
    import_officials(members)
    cedar = Target.objects.get(bioguide_id="A000003")
    assert [o.city for o in cedar.offices.all()] == ["Burlington", "Rutland"]

    TargetOffice.objects.create(target=cedar, city="Montpelier")  # added by an editor
    offices[0]["offices"] = offices[0]["offices"][1:]
    write_json(tmp_path, "legislators-district-offices.json", offices)
    report = import_officials(members)
    assert sorted(o.city for o in cedar.offices.all()) == ["Montpelier", "Rutland"]
    assert report.counts["offices_deleted"] == 1


@pytest.mark.django_db
def test_zip_import_is_idempotent_and_follows_the_file(tmp_path):
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    rows = [(50, "VT", "05401", 0), (50, "VT", 5402, 0)]
    first = import_zip_districts(write_zccd(tmp_path, rows))
    assert first.counts["rows_created"] == 2
    # Leading zeros lost by a spreadsheet are restored.
    assert set(ZipDistrict.objects.values_list("zip_code", flat=True)) == {"05401", "05402"}
    again = import_zip_districts(tmp_path / "zccd.csv")
    assert not again.changed

    smaller = write_zccd(tmp_path, [(50, "VT", "05401", 0)], name="b.csv")
    report = import_zip_districts(smaller)
    assert report.counts["rows_deleted"] == 1
    assert list(ZipDistrict.objects.values_list("zip_code", flat=True)) == ["05401"]


@pytest.mark.django_db
def test_zip_import_reports_districts_without_a_member_as_vacant(tmp_path):
    import_officials(write_json(tmp_path, "a.json", VERMONT))
    report = import_zip_districts(
        write_zccd(tmp_path, [(50, "VT", "05401", 0), (24, "MD", "21203", 3), (99, "ZZ", "1", 1)])
    )
    assert report.counts["vacant_seats"] == ["MD-3"]
    assert report.counts["skipped"] == 1
    assert any("MD-3 has no current House member" in w for w in report.warnings)


@pytest.mark.django_db
def test_commands_print_a_summary_and_refuse_wrong_columns(tmp_path):
    out, err = StringIO(), StringIO()
    call_command(
        "import_officials", str(write_json(tmp_path, "a.json", VERMONT)), stdout=out, stderr=err
    )
    assert "3 in the file (2 senators, 1 House members); 3 created" in out.getvalue()
    out = StringIO()
    call_command(
        "import_zip_districts", str(write_zccd(tmp_path, [(50, "VT", "05401", 0)])), stdout=out
    )
    assert "1 ZIP codes" in out.getvalue() and "0 vacant" in out.getvalue()

    bad = tmp_path / "bad.csv"
    bad.write_text("zip,district\n05401,0\n")
    with pytest.raises(CommandError, match="state_fips,state_abbr,zcta,cd"):
        call_command("import_zip_districts", str(bad))
    assert ZipDistrict.objects.count() == 1


# Demo ------------------------------------------------------------------------------------


def demo_context(data_dir):
    return SimpleNamespace(data_dir=str(data_dir), stdout=StringIO(), extra={})


EXPECTED_DEMO_STATUS = {
    "single": ("ok", False),
    "split": ("choose_district", False),
    "two_state": ("choose_state", False),
    "at_large": ("ok", False),
    "dc": ("ok", False),
    "vacant": ("ok", True),
}


def assert_demo_zips_behave(demo_zips):
    assert set(demo_zips) == set(EXPECTED_DEMO_STATUS)
    for kind, zip_code in demo_zips.items():
        result = lookup_zip(zip_code)
        assert (result.status, result.vacant) == EXPECTED_DEMO_STATUS[kind], kind
    assert lookup_zip(demo_zips["at_large"]).district == 0
    assert lookup_zip(demo_zips["dc"]).senators == ()


@pytest.mark.django_db
def test_demo_without_public_files_loads_the_built_in_set_quietly(tmp_path):
    ctx = demo_context(tmp_path)
    officials_demo.build(ctx)
    output = ctx.stdout.getvalue()
    assert output.startswith("Officials (built-in fictional sample): 4 senators, 5 House")
    assert output.count("Officials") == 1  # one summary line, no warnings
    assert Target.objects.current().count() == 9
    assert_demo_zips_behave(ctx.extra["demo_zips"])
    again = demo_context(tmp_path)
    officials_demo.build(again)
    assert "0 officials and 0 ZIP rows changed" in again.stdout.getvalue()


@needs_public_data
@pytest.mark.django_db
def test_demo_with_public_files_imports_them_and_picks_example_zips():
    ctx = demo_context(DATA)
    officials_demo.build(ctx)
    assert "public data" in ctx.stdout.getvalue()
    assert Target.objects.current().filter(chamber="senate").count() == 100
    assert_demo_zips_behave(ctx.extra["demo_zips"])
