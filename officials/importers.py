"""Import members of Congress and the ZIP → district table from public open data.

Sources: the unitedstates/congress-legislators project (current members and their
district offices, YAML or JSON) and the OpenSourceActivismTech/us-zipcodes-congress table
(`zccd.csv`). Both imports are idempotent (a second run writes nothing), validate what
they read, never delete a member (one who left is marked not current) and use bulk
operations so the national files load in seconds.
"""

import csv
import io
import json
import re
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from officials.models import (
    NO_SENATORS,
    STATE_NAMES,
    Target,
    TargetOffice,
    ZipDistrict,
    bump_officials_version,
)

__all__ = [
    "DataImportError",
    "ImportReport",
    "import_officials",
    "import_zip_districts",
    "offices_source_for",
    "officials_summary",
    "read_source",
    "zip_summary",
]

PHONE_RE = re.compile(r"\d{3}-\d{3}-\d{4}")
ZIP_RE = re.compile(r"\d{5}")
TITLES = {"sen": "Senator", "rep": "Representative"}
# Non-voting House members: Puerto Rico's is the Resident Commissioner, the others delegates.
TERRITORY_TITLES = {"PR": "Resident Commissioner"}
_url_validator = URLValidator(schemes=["http", "https"])

TARGET_FIELDS = [
    "chamber",
    "title",
    "gender",
    "first_name",
    "last_name",
    "full_name",
    "party",
    "state",
    "district",
    "phone",
    "office_address",
    "website",
    "contact_form_url",
    "term_start",
    "term_end",
    "is_current",
]
OFFICE_FIELDS = ["city", "state", "address", "suite", "building", "zip_code", "phone", "sort_order"]


class DataImportError(Exception):
    """The file cannot be trusted; nothing was written."""


@dataclass
class ImportReport:
    counts: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def warn(self, message):
        self.warnings.append(message)

    @property
    def changed(self):
        return any(
            self.counts.get(key)
            for key in (
                "created",
                "updated",
                "retired",
                "offices_written",
                "offices_deleted",
                "rows_created",
                "rows_deleted",
            )
        )


def is_url(source):
    return urlparse(str(source)).scheme in {"http", "https"}


def read_source(source, timeout=60):
    """The bytes of a local path or an http(s) URL (the refresh job's network call, never
    a reader's)."""
    source = str(source)
    if is_url(source):
        request = urllib.request.Request(source, headers={"User-Agent": "Haven importer"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.read()
        except (OSError, ValueError) as exc:
            raise DataImportError(f"Cannot download {source}: {exc}") from exc
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise DataImportError(f"Cannot read {source}: {exc.strerror or exc}") from exc


def parse_records(source, raw):
    """YAML or JSON, chosen by the file name, else by the first character."""
    name = urlparse(str(source)).path.lower()
    text = raw.decode("utf-8-sig")
    try:
        if name.endswith(".json") or text.lstrip()[:1] in "[{":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except (ValueError, yaml.YAMLError) as exc:
        raise DataImportError(f"{source} is neither valid JSON nor valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise DataImportError(f"{source} should hold a list of records.")
    return data


def offices_source_for(source):
    """The district-offices file published beside a current-members file, if named so."""
    text = str(source)
    if "legislators-current" not in text:
        return None
    candidate = text.replace("legislators-current", "legislators-district-offices")
    if is_url(candidate) or Path(candidate).exists():
        return candidate
    return None


def _clean_phone(value, who, report):
    value = (value or "").strip()
    if value and not PHONE_RE.fullmatch(value):
        report.warn(f"{who}: phone {value!r} is not like 202-555-0100; left blank.")
        return ""
    return value


def _clean_url(value, who, what, report):
    value = (value or "").strip()
    if not value:
        return ""
    try:
        _url_validator(value)
    except ValidationError:
        report.warn(f"{who}: {what} {value!r} is not a valid web address; left blank.")
        return ""
    return value


def _date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _member_fields(record, report):
    """The Target fields of one upstream record, or None (with a warning) when unusable."""
    ids = record.get("id") or {}
    bioguide = str(ids.get("bioguide") or "").strip()
    terms = record.get("terms") or []
    name = record.get("name") or {}
    if not bioguide or not terms or not isinstance(terms, list):
        report.warn(f"Skipped a record without a bioguide id or terms: {name or ids!r}")
        return None, None
    term = terms[-1]  # the last term is the current one
    kind = term.get("type")
    state = str(term.get("state") or "").upper()
    who = f"{bioguide} ({name.get('official_full') or name.get('last', '?')})"
    if kind not in TITLES or state not in STATE_NAMES:
        report.warn(f"{who}: unknown term type {kind!r} or state {state!r}; skipped.")
        return None, None
    district = None
    if kind == "rep":
        try:
            district = int(term.get("district"))
        except (TypeError, ValueError):
            report.warn(f"{who}: House term without a district number; skipped.")
            return None, None
    title = TITLES[kind]
    if kind == "rep" and state in NO_SENATORS:
        title = TERRITORY_TITLES.get(state, "Delegate")
    first = str(name.get("nickname") or name.get("first") or "").strip()
    last = str(name.get("last") or "").strip()
    full = str(name.get("official_full") or " ".join(p for p in [first, last] if p)).strip()
    gender = str((record.get("bio") or {}).get("gender") or "").strip().upper()
    fields = {
        "chamber": Target.Chamber.SENATE if kind == "sen" else Target.Chamber.HOUSE,
        "title": title,
        # Anything but F/M is left blank: the neutral Spanish title is shown then.
        "gender": gender if gender in Target.Gender.values else "",
        "first_name": first[:100],
        "last_name": last[:100],
        "full_name": full[:200],
        "party": str(term.get("party") or "")[:50],
        "state": state,
        "district": district,
        "phone": _clean_phone(term.get("phone"), who, report),
        "office_address": str(term.get("address") or term.get("office") or "")[:255],
        "website": _clean_url(term.get("url"), who, "website", report),
        "contact_form_url": _clean_url(term.get("contact_form"), who, "contact form", report),
        "term_start": _date(term.get("start")),
        "term_end": _date(term.get("end")),
        "is_current": True,
    }
    return bioguide, fields


def _office_rows(records, report):
    """{bioguide: [office fields]} from the district-offices file."""
    offices = {}
    for record in records:
        bioguide = str(((record or {}).get("id") or {}).get("bioguide") or "").strip()
        if not bioguide:
            report.warn("Skipped a district-offices record without a bioguide id.")
            continue
        rows = []
        for order, office in enumerate(record.get("offices") or []):
            source_id = str(office.get("id") or f"{bioguide}-{order}")[:100]
            who = f"office {source_id}"
            rows.append(
                {
                    "source_id": source_id,
                    "city": str(office.get("city") or "")[:100],
                    "state": str(office.get("state") or "")[:2],
                    "address": str(office.get("address") or "")[:255],
                    "suite": str(office.get("suite") or "")[:100],
                    "building": str(office.get("building") or "")[:200],
                    "zip_code": str(office.get("zip") or "")[:10],
                    "phone": _clean_phone(office.get("phone"), who, report),
                    "sort_order": order,
                }
            )
        offices[bioguide] = rows
    return offices


def _check_senate(members, report):
    """Two senators for every state in the file (a partial file checks only its states)."""
    per_state = {}
    for fields in members.values():
        if fields["chamber"] == Target.Chamber.SENATE:
            per_state[fields["state"]] = per_state.get(fields["state"], 0) + 1
    states = {fields["state"] for fields in members.values()}
    total = sum(per_state.values())
    if total != 100:
        report.warn(f"The file has {total} senators, not 100.")
        if total > 50:  # a national file with gaps: name the states that lack senators
            states |= set(STATE_NAMES) - NO_SENATORS
    for state in sorted(states - NO_SENATORS):
        count = per_state.get(state, 0)
        if count != 2:
            report.warn(f"{state} has {count} senator(s) in the file, not 2.")
    for state in sorted(set(per_state) & NO_SENATORS):
        report.warn(f"{state} should have no senators but has {per_state[state]}.")


def import_officials(source, offices_source=None, *, force=False, stdout=None):
    """Synchronise current members of Congress (and their district offices) from `source`.

    Refuses (raises DataImportError, writes nothing) when the file would retire more than
    half of the current members: that is a truncated or wrong file, not an election.
    """
    report = ImportReport()
    records = parse_records(source, read_source(source))
    members = {}
    for record in records:
        bioguide, fields = _member_fields(record or {}, report)
        if bioguide is None:
            continue
        if bioguide in members:
            report.warn(f"{bioguide} appears twice; the later record wins.")
        members[bioguide] = fields
    if not members:
        raise DataImportError(f"{source} has no usable member records; nothing was changed.")
    _check_senate(members, report)

    if offices_source is None:
        offices_source = offices_source_for(source)
    offices = None
    if offices_source:
        offices = _office_rows(parse_records(offices_source, read_source(offices_source)), report)
        for bioguide in sorted(set(offices) - set(members)):
            report.warn(f"District offices for {bioguide}, who is not in the members file.")

    with transaction.atomic():
        existing = {t.bioguide_id: t for t in Target.objects.members_of_congress()}
        currently = {b for b, t in existing.items() if t.is_current}
        departing = currently - set(members)
        if not force and currently and len(departing) > len(currently) / 2:
            raise DataImportError(
                f"{source} would retire {len(departing)} of {len(currently)} current "
                "members; refusing (use --force if this is really so)."
            )
        to_create, to_update, unchanged = [], [], 0
        for bioguide, fields in members.items():
            target = existing.get(bioguide)
            if target is None:
                to_create.append(Target(bioguide_id=bioguide, **fields))
                continue
            if all(getattr(target, name) == value for name, value in fields.items()):
                unchanged += 1
                continue
            for name, value in fields.items():
                setattr(target, name, value)
            to_update.append(target)
        Target.objects.bulk_create(to_create, batch_size=500)
        Target.objects.bulk_update(to_update, TARGET_FIELDS, batch_size=500)
        retired = Target.objects.filter(bioguide_id__in=departing).update(is_current=False)

        offices_written = offices_deleted = 0
        if offices is not None:
            offices_written, offices_deleted = _sync_offices(members, offices)
        if to_create or to_update or retired or offices_written or offices_deleted:
            bump_officials_version()

    report.counts.update(
        members=len(members),
        senators=sum(f["chamber"] == Target.Chamber.SENATE for f in members.values()),
        house=sum(f["chamber"] == Target.Chamber.HOUSE for f in members.values()),
        created=len(to_create),
        updated=len(to_update),
        unchanged=unchanged,
        retired=retired,
        offices=sum(len(rows) for b, rows in (offices or {}).items() if b in members),
        offices_written=offices_written,
        offices_deleted=offices_deleted,
    )
    return report


def _sync_offices(members, offices):
    """Make each imported member's offices match the file; returns (written, deleted)."""
    ids = dict(Target.objects.filter(bioguide_id__in=members).values_list("bioguide_id", "pk"))
    existing = {}
    for office in TargetOffice.objects.filter(target_id__in=ids.values()):
        existing[(office.target_id, office.source_id)] = office
    wanted = set()
    to_create, to_update = [], []
    for bioguide, rows in offices.items():
        target_id = ids.get(bioguide)
        if target_id is None:
            continue
        for row in rows:
            key = (target_id, row["source_id"])
            wanted.add(key)
            office = existing.get(key)
            if office is None:
                to_create.append(TargetOffice(target_id=target_id, **row))
            elif any(getattr(office, name) != row[name] for name in OFFICE_FIELDS):
                for name in OFFICE_FIELDS:
                    setattr(office, name, row[name])
                to_update.append(office)
    # Members absent from the offices file keep theirs: absence there is not news.
    synced_targets = {ids[b] for b in offices if b in ids}
    # Offices an editor added by hand (no source id) are theirs to keep.
    stale = [
        office.pk
        for key, office in existing.items()
        if key not in wanted and key[0] in synced_targets and office.source_id
    ]
    TargetOffice.objects.bulk_create(to_create, batch_size=1000)
    TargetOffice.objects.bulk_update(to_update, OFFICE_FIELDS, batch_size=1000)
    deleted = TargetOffice.objects.filter(pk__in=stale).delete()[0] if stale else 0
    return len(to_create) + len(to_update), deleted


def import_zip_districts(source, *, force=False):
    """Synchronise the ZIP → district table with a `zccd.csv`-style file."""
    report = ImportReport()
    text = read_source(source).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    needed = {"state_abbr", "zcta", "cd"}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise DataImportError(
            f"{source} needs the columns state_fips,state_abbr,zcta,cd; "
            f"found {','.join(reader.fieldnames or []) or 'nothing'}."
        )
    rows, bad = set(), 0
    for line, row in enumerate(reader, start=2):
        zcta = (row.get("zcta") or "").strip().zfill(5)
        state = (row.get("state_abbr") or "").strip().upper()
        try:
            district = int((row.get("cd") or "").strip())
        except ValueError:
            district = -1
        if not ZIP_RE.fullmatch(zcta) or state not in STATE_NAMES or not 0 <= district < 100:
            bad += 1
            if bad <= 10:
                report.warn(f"Line {line}: unusable row {row!r}; skipped.")
            continue
        rows.add((zcta, state, district))
    if bad > 10:
        report.warn(f"... and {bad - 10} more unusable rows.")
    if not rows:
        raise DataImportError(f"{source} has no usable rows; nothing was changed.")
    if bad > max(10, len(rows) // 10) and not force:
        raise DataImportError(f"{source}: {bad} unusable rows; refusing (use --force).")

    with transaction.atomic():
        existing = {
            (z, s, d): pk
            for pk, z, s, d in ZipDistrict.objects.values_list(
                "pk", "zip_code", "state", "district"
            )
        }
        if not force and existing and len(rows) < len(existing) / 2:
            raise DataImportError(
                f"{source} has {len(rows)} rows where {len(existing)} are loaded; "
                "refusing (use --force if this is really so)."
            )
        new = rows - set(existing)
        gone = [pk for key, pk in existing.items() if key not in rows]
        ZipDistrict.objects.bulk_create(
            [ZipDistrict(zip_code=z, state=s, district=d) for z, s, d in sorted(new)],
            batch_size=2000,
        )
        deleted = 0
        for start in range(0, len(gone), 900):
            deleted += ZipDistrict.objects.filter(pk__in=gone[start : start + 900]).delete()[0]
        if new or gone:
            bump_officials_version()

    seats_by_zip = {}
    for z, s, d in rows:
        seats_by_zip.setdefault(z, set()).add((s, d))
    seats = {(s, d) for _, s, d in rows}
    members = set(
        Target.objects.current()
        .members_of_congress()
        .filter(chamber=Target.Chamber.HOUSE)
        .values_list("state", "district")
    )
    vacant = sorted(seats - members)
    for state, district in vacant:
        report.warn(f"{state}-{district} has no current House member: shown as vacant.")
    report.counts.update(
        rows=len(rows),
        zips=len(seats_by_zip),
        split=sum(len(v) > 1 for v in seats_by_zip.values()),
        two_state=sum(len({s for s, _ in v}) > 1 for v in seats_by_zip.values()),
        districts=len(seats),
        vacant=len(vacant),
        vacant_seats=[f"{s}-{d}" for s, d in vacant],
        no_zips=sorted(f"{s}-{d}" for s, d in members - seats),
        rows_created=len(new),
        rows_deleted=deleted,
        skipped=bad,
    )
    return report


def officials_summary(report):
    c = report.counts
    return (
        f"Officials: {c['members']} in the file ({c['senators']} senators, {c['house']} House "
        f"members); {c['created']} created, {c['updated']} updated, {c['unchanged']} "
        f"unchanged, {c['retired']} no longer current; {c['offices']} district offices "
        f"({c['offices_written']} written, {c['offices_deleted']} removed)."
    )


def zip_summary(report):
    c = report.counts
    share = 100 * c["split"] / c["zips"] if c["zips"] else 0
    text = (
        f"ZIP districts: {c['rows']} rows, {c['zips']} ZIP codes ({c['split']} in more than "
        f"one district, {share:.1f}%; {c['two_state']} in two states), {c['districts']} "
        f"districts, {c['vacant']} vacant; {c['rows_created']} rows added, "
        f"{c['rows_deleted']} removed."
    )
    if c["no_zips"]:
        text += f" Members with no ZIP codes in the table: {', '.join(c['no_zips'])}."
    return text
