"""Demo officials and ZIP districts: the public national data when it is at hand
(`HAVEN_DATA_DIR`), else the small fictional built-in set, so the demo's call action works
either way."""

from pathlib import Path

from django.db.models import Count

from officials.importers import DataImportError, import_officials, import_zip_districts
from officials.models import Target, ZipDistrict

BUILT_IN = Path(__file__).resolve().parent / "sample_data"
BUILT_IN_ZIPS = {
    "single": "21201",
    "split": "21202",
    "two_state": "20012",
    "at_large": "05401",
    "dc": "20001",
    "vacant": "21203",
}


def public_files(data_dir):
    """(members, offices, zccd) paths in `data_dir`, or None when any is missing."""
    if not data_dir:
        return None
    folder = Path(data_dir)
    members = next(
        (
            folder / name
            for name in ("legislators-current.json", "legislators-current.yaml")
            if (folder / name).is_file()
        ),
        None,
    )
    zccd = folder / "zccd.csv"
    if members is None or not zccd.is_file():
        return None
    offices = members.with_name(members.name.replace("current", "district-offices"))
    return members, (offices if offices.is_file() else None), zccd


def build(ctx):
    files = public_files(ctx.data_dir)
    label = "public data"
    if files is not None:
        try:
            officials = import_officials(*files[:2], force=True)
            zips = import_zip_districts(files[2], force=True)
        except DataImportError as exc:
            ctx.stdout.write(
                f"Officials: could not import the public data ({exc}); using the built-in sample."
            )
            files = None
    if files is None:
        label = "built-in fictional sample"
        officials = import_officials(
            BUILT_IN / "sample-members.json",
            BUILT_IN / "sample-member-offices.json",
            force=True,
        )
        zips = import_zip_districts(BUILT_IN / "sample-zip-districts.csv", force=True)
    ctx.extra["demo_zips"] = BUILT_IN_ZIPS if files is None else example_zips()
    c, z = officials.counts, zips.counts
    ctx.stdout.write(
        f"Officials ({label}): {c['senators']} senators, {c['house']} House members, "
        f"{z['zips']} ZIP codes; {c['created'] + c['updated'] + c['retired']} officials and "
        f"{z['rows_created'] + z['rows_deleted']} ZIP rows changed."
    )


def example_zips():
    """One ZIP of each interesting kind in the loaded national table, chosen
    deterministically (the lowest such ZIP)."""
    multi = (
        ZipDistrict.objects.values("zip_code")
        .annotate(n=Count("id"), states=Count("state", distinct=True))
        .order_by("zip_code")
    )
    houses = set(
        Target.objects.current()
        .filter(chamber=Target.Chamber.HOUSE)
        .exclude(bioguide_id="")
        .values_list("state", "district")
    )
    found = {}
    split = multi.filter(n__gt=1, states=1).first()
    two = multi.filter(states__gt=1).first()
    if split:
        found["split"] = split["zip_code"]
    if two:
        found["two_state"] = two["zip_code"]
    singles = multi.filter(n=1).values_list("zip_code", flat=True)
    for row in (
        ZipDistrict.objects.filter(zip_code__in=singles)
        .order_by("zip_code")
        .values_list("zip_code", "state", "district")
        .iterator()
    ):
        zip_code, state, district = row
        if "single" not in found and district > 0 and (state, district) in houses:
            found["single"] = zip_code
        if "at_large" not in found and district == 0 and state not in {"DC", "PR"}:
            found["at_large"] = zip_code
        if "dc" not in found and state == "DC":
            found["dc"] = zip_code
        if "vacant" not in found and (state, district) not in houses:
            found["vacant"] = zip_code
        if len(found) == 6:
            break
    return found
