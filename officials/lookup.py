"""Find a reader's members of Congress from their ZIP code, with no outside service.

One indexed query for the ZIP's districts, then the members of those seats from an
in-memory index of the 537 current members (reloaded when an import or an edit changes
them): no network I/O, well under a millisecond typically (see
benchmarks/lookup_benchmark.py).
A ZIP that touches several districts or states never silently picks one: the result asks
the reader to choose.
"""

import logging
import threading
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from officials.models import (
    NO_SENATORS,
    STATE_NAMES,
    Target,
    TargetOffice,
    ZipDistrict,
    officials_version,
)
from officials.normalise import normalise_district, normalise_state, zip5

__all__ = ["LookupResult", "lookup_zip", "lookup_zip_safely", "seat_of"]

logger = logging.getLogger(__name__)

# American Samoa, Guam, the Northern Mariana Islands and the U.S. Virgin Islands are not in
# the Census ZIP table; their ZIP ranges are fixed by the Postal Service and each has one
# at-large delegate, so they are resolved here.
TERRITORY_ZIPS = (
    ("96799", "96799", "AS"),
    ("96910", "96932", "GU"),
    ("96950", "96952", "MP"),
    ("00801", "00851", "VI"),
)

OK = "ok"
INVALID = "invalid"
UNKNOWN = "unknown"
CHOOSE_STATE = "choose_state"
CHOOSE_DISTRICT = "choose_district"


@dataclass(frozen=True)
class LookupResult:
    zip_code: str  # normalised 5-digit ZIP, "" when malformed
    status: str  # "ok" | "invalid" | "unknown" | "choose_state" | "choose_district"
    state: str | None = None  # USPS code once known
    district: int | None = None  # 0 = at-large; None while the reader must choose
    state_choices: tuple[str, ...] = ()
    district_choices: tuple[int, ...] = ()
    senators: tuple[Target, ...] = ()  # () for DC and territories
    representatives: tuple[Target, ...] = ()  # the member, or every candidate while choosing
    vacant: bool = False  # the House seat of the chosen district has no member

    @property
    def is_ok(self):
        return self.status == OK

    @property
    def message(self) -> str:
        """What to tell the reader, in their language; "" when there is nothing to say."""
        if self.status == INVALID:
            return _("Enter a 5-digit ZIP code, like 20500.")
        if self.status == UNKNOWN:
            return _(
                "We could not find ZIP code %(zip)s. Check it, or try the ZIP code of "
                "your home address (post office box and business ZIP codes are not "
                "listed)."
            ) % {"zip": self.zip_code}
        if self.status == CHOOSE_STATE:
            return _("Your ZIP code is in more than one state — choose yours.")
        if self.status == CHOOSE_DISTRICT:
            return _("Your ZIP code is in more than one district — choose yours.")
        if self.vacant:
            return _(
                "The House seat for %(seat)s is vacant until a new member is sworn in. "
                "You can still contact your senators."
            ) % {"seat": self.seat_label}
        return ""

    @property
    def officials(self) -> tuple[Target, ...]:
        """Everyone to contact, once the reader's seat is settled."""
        if self.status != OK:
            return ()
        return self.senators + self.representatives

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state or "")

    @property
    def seat_label(self):
        if self.state is None:
            return ""
        if self.district is None or self.district == 0:
            return self.state_name
        return _("%(state)s, district %(district)s") % {
            "state": self.state_name,
            "district": self.district,
        }

    @property
    def state_options(self):
        """(code, name) pairs for the "choose your state" radios."""
        return tuple((code, STATE_NAMES.get(code, code)) for code in self.state_choices)

    @property
    def district_options(self):
        """(district, member or None when vacant) pairs for the "choose your district"
        radios, so each option names its member."""
        by_district = {rep.district: rep for rep in self.representatives}
        return tuple((d, by_district.get(d)) for d in self.district_choices)


def _territory_for(zip_code):
    for low, high, state in TERRITORY_ZIPS:
        if low <= zip_code <= high:
            return state
    return None


def _seats_for(zip_code):
    """{state: sorted districts} for a ZIP, from the table or the territory ranges."""
    seats = {}
    for state, district in ZipDistrict.objects.filter(zip_code=zip_code).values_list(
        "state", "district"
    ):
        seats.setdefault(state, set()).add(district)
    if not seats:
        territory = _territory_for(zip_code)
        if territory:
            seats[territory] = {0}
    return {state: sorted(districts) for state, districts in seats.items()}


class _SeatIndex:
    """Every current member of Congress by seat, with their offices, held in memory: 537
    people, rebuilt (two queries) only when `officials_version()` changes."""

    def __init__(self, version):
        self.version = version
        self.senators, self.house = {}, {}
        targets = (
            Target.objects.current()
            .members_of_congress()
            .exclude(chamber=Target.Chamber.OTHER)
            .prefetch_related(
                Prefetch("offices", queryset=TargetOffice.objects.order_by("sort_order", "id"))
            )
            .order_by("last_name", "first_name", "pk")
        )
        for target in targets:
            if target.chamber == Target.Chamber.SENATE:
                self.senators.setdefault(target.state, []).append(target)
            else:
                self.house.setdefault((target.state, target.district), []).append(target)


_index = None
_index_lock = threading.Lock()


def _seat_index():
    global _index
    version = officials_version()
    index = _index
    if index is None or index.version != version:
        with _index_lock:
            if _index is None or _index.version != version:
                _index = _SeatIndex(version)
            index = _index
    return index


def _targets(state, districts, with_senators):
    """The current senators of `state` and House members of `districts`."""
    index = _seat_index()
    senators = tuple(index.senators.get(state, ())) if with_senators else ()
    representatives = tuple(
        target for district in districts for target in index.house.get((state, district), ())
    )
    return senators, representatives


def lookup_zip(raw_zip: str, state: str | None = None, district: int | None = None) -> LookupResult:
    """Resolve a ZIP (and the reader's choice of state or district, when it is ambiguous)
    to their senators and House member."""
    zip_code = zip5(raw_zip)
    if zip_code is None:
        return LookupResult(zip_code="", status=INVALID)
    seats = _seats_for(zip_code)
    if not seats:
        return LookupResult(zip_code=zip_code, status=UNKNOWN)

    state = normalise_state(state) or None
    if state not in seats:
        if len(seats) > 1:
            return LookupResult(
                zip_code=zip_code,
                status=CHOOSE_STATE,
                state_choices=tuple(sorted(seats, key=lambda s: STATE_NAMES.get(s, s))),
            )
        state = next(iter(seats))

    districts = seats[state]
    with_senators = state not in NO_SENATORS
    district = normalise_district(district)
    if district not in districts:
        if len(districts) > 1:
            senators, representatives = _targets(state, districts, with_senators)
            return LookupResult(
                zip_code=zip_code,
                status=CHOOSE_DISTRICT,
                state=state,
                state_choices=tuple(sorted(seats)) if len(seats) > 1 else (),
                district_choices=tuple(districts),
                senators=senators,
                representatives=representatives,
            )
        district = districts[0]

    senators, representatives = _targets(state, [district], with_senators)
    return LookupResult(
        zip_code=zip_code,
        status=OK,
        state=state,
        district=district,
        state_choices=tuple(sorted(seats)) if len(seats) > 1 else (),
        district_choices=tuple(districts) if len(districts) > 1 else (),
        senators=senators,
        representatives=representatives,
        vacant=not representatives,
    )


def lookup_zip_safely(raw_zip, state=None, district=None):
    """`lookup_zip` for callers that go on without an answer (a reader's signature or call
    is never refused because the lookup failed): None instead of an exception, logged
    without the ZIP code."""
    try:
        return lookup_zip(raw_zip, state=state or None, district=district)
    except Exception:
        logger.exception("ZIP lookup failed")
        return None


def seat_for_zip(raw_zip):
    """`seat_of(lookup_zip_safely(raw_zip))` without building the list of officials.

    A signature stores only its seat: on the signing path (a viral spike) the table
    lookup is all that is needed, not the members' offices and the cache round trip that
    keeps them current.
    """
    try:
        zip_code = zip5(raw_zip)
        seats = _seats_for(zip_code) if zip_code else {}
    except Exception:
        logger.exception("ZIP lookup failed")
        return "", ""
    if len(seats) != 1:
        return "", ""
    state, districts = next(iter(seats.items()))
    return state[:2], str(districts[0]) if len(districts) == 1 else ""


def seat_of(lookup):
    """(state, district) as strings to store with a response; blanks when the lookup could
    not tell. District 0 is an at-large seat and is kept as "0"."""
    if lookup is None:
        return "", ""
    state = lookup.state or ""
    if not state and len(lookup.state_choices) == 1:
        state = lookup.state_choices[0]
    district = lookup.district
    return state[:2], "" if district is None else str(district)
