"""The one reading of a ZIP code, a state code and a district number, for every form and page.

Readers type ZIP codes as "20001", "20001-1234", "20001 1234" or "200011234", sometimes
with the fullwidth digits of a Japanese or Chinese keyboard ("２０００１") or another
script's decimal digits (Arabic-Indic "٢٠٠٠١"): all are read as the same ASCII ZIP code.
Anything else is refused by the caller with its own localised message.
"""

import re
import unicodedata

__all__ = ["normalise_district", "normalise_state", "normalise_zip", "zip5"]

# ASCII only once digits are mapped: Python's \d would also match "٢" and let it through.
_ZIP_RE = re.compile(r"([0-9]{5})(?:[- ]?([0-9]{4}))?", re.ASCII)
_STATE_RE = re.compile(r"[A-Z]{2}", re.ASCII)
_DISTRICT_RE = re.compile(r"[0-9]{1,2}", re.ASCII)
# Hyphens and dashes a phone keyboard or a word processor may put between ZIP and +4.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")


def _ascii(raw):
    """NFKC (fullwidth → ASCII), every Unicode decimal digit as its ASCII digit, dashes as
    "-", runs of whitespace as one space, trimmed."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    text = "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)
    return " ".join(text.split())


def normalise_zip(raw) -> str | None:
    """ "20001", "20001-1234", "20001 1234", "200011234" (any decimal digits) →
    "20001" or "20001-1234"; anything else → None."""
    match = _ZIP_RE.fullmatch(_ascii(raw))
    if not match:
        return None
    return match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")


def zip5(raw) -> str | None:
    """The 5-digit ZIP code the district table is keyed on, or None."""
    zip_code = normalise_zip(raw)
    return zip_code[:5] if zip_code else None


def normalise_state(raw) -> str:
    """A two-letter USPS code ("md" → "MD"), or "" for anything else."""
    value = _ascii(raw).upper()
    return value if _STATE_RE.fullmatch(value) else ""


def normalise_district(raw) -> int | None:
    """A district number 0–99 (0 is at-large), or None for anything else."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 0 <= raw < 100 else None
    value = _ascii(raw)
    return int(value) if _DISTRICT_RE.fullmatch(value) else None
