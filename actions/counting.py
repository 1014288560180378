"""Counting responses once per action, cheaply, and folding e-mail addresses.

A busy action must never funnel every signature through one `UPDATE … n = n + 1` row.
The count is a plain indexed `COUNT` whose result is cached for a few seconds in the
shared cache (Redis in production), and refreshed by at most one request at a time.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

COUNT_KEY = "actions:count:{}"
LOCK_KEY = "actions:count-lock:{}"

# Mailboxes that ignore dots in the local part as well as +tags.
DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}


def canonical_email(address):
    """The form of an address used to recognise one person: lower-case, +tags dropped,
    dots dropped where the provider ignores them, googlemail folded into gmail."""
    address = (address or "").strip().lower()
    local, sep, domain = address.rpartition("@")
    if not sep:
        return address
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def _ttl():
    return getattr(settings, "ACTIONS_COUNT_CACHE_SECONDS", 10)


def count_from_db(keys):
    from actions.models import ActionResponse

    rows = (
        ActionResponse.objects.filter(action_key__in=keys, counted=True)
        .values("action_key")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {str(key): 0 for key in keys}
    counts.update({str(row["action_key"]): row["n"] for row in rows})
    return counts


def get_counts(keys):
    """Counts for many translation keys: one cache round trip, one query for misses."""
    keys = {str(key) for key in keys}
    if not keys:
        return {}
    cached = cache.get_many([COUNT_KEY.format(k) for k in keys])
    counts = {k: cached[COUNT_KEY.format(k)] for k in keys if COUNT_KEY.format(k) in cached}
    missing = [k for k in keys if k not in counts]
    if missing:
        fresh = count_from_db(missing)
        cache.set_many({COUNT_KEY.format(k): v for k, v in fresh.items()}, _ttl())
        counts.update(fresh)
    # Callers may hold UUIDs or strings; answer both.
    return {**counts, **{_uuid(k): v for k, v in counts.items()}}


def get_count(key):
    return get_counts([key]).get(str(key), 0)


def fresh_count(key):
    """The count just after someone acted, recounted by at most one request per second.

    Other requests in that second get the cached value, so a surge of signatures costs
    one COUNT a second, not one per signature.
    """
    key = str(key)
    if cache.add(LOCK_KEY.format(key), 1, 1):
        count = count_from_db([key])[key]
        cache.set(COUNT_KEY.format(key), count, _ttl())
        return count
    return get_count(key)


def forget(key):
    """Drop the cached count (e.g. after an organiser releases held signatures)."""
    cache.delete(COUNT_KEY.format(key))


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return value
