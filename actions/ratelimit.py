"""Fair limits: slow floods without ever discarding a person.

Many real people share one address (an office, a church hall, a school, a mobile carrier's
NAT), so a busy address is not proof of a bot. The rules, all kept in the shared cache so
every server process sees one count:

- **Busy address → held, not refused.** Past `ACTIONS_RATE_LIMITS` per address, a
  signature (or logged call or email) is still stored, flagged `held_for_review`: not
  counted publicly and not mailed until an organiser releases it from the responses
  report. The reader sees the same thank-you page as anyone else.
- **Flood → refused.** Past `ACTIONS_FLOOD_PER_HOUR` posts from one address, or
  `ACTIONS_RATE_PER_EMAIL` posts with one e-mail address, the post is answered 429 with
  `Retry-After`; nothing is stored (the page says so).
- **Allowed networks** (`ACTIONS_ALLOWED_NETWORKS`, plus the "Allowed networks" list in
  the admin) are never held or flood-limited: an organiser lists the event's Wi-Fi.

Fixed windows: cheap (on Redis, one pipelined round trip for all of a post's windows).
Addresses and e-mails are hashed before they become cache keys, so none is stored in the
clear.
"""

import hashlib
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = [(10, 60), (60, 3600)]  # (requests, seconds)
NETWORKS_CACHE_KEY = "actions:allowed-networks"


@dataclass(frozen=True)
class Verdict:
    """What to do with one post: store it held for review, or refuse it for `wait` s."""

    held: bool = False
    wait: int = 0


def client_ip(request):
    """REMOTE_ADDR, or the address a trusted proxy put in X-Forwarded-For."""
    proxies = getattr(settings, "ACTIONS_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _hash(value):
    return hashlib.sha256((settings.SECRET_KEY + value).encode()).hexdigest()[:24]


def _redis(cache_backend):
    """The raw Redis client behind a django-redis cache, else None."""
    client = getattr(cache_backend, "client", None)
    get_client = getattr(client, "get_client", None)
    return get_client(write=True) if get_client else None


def _count_windows(windows):
    """Add one to each (key, period, window) counter; their new values, in order.

    On Redis every counter is created with its expiry and incremented in one pipelined
    round trip (SET NX EX, then INCR): a signature passes three or four of these windows,
    and one round trip each for `add` and `incr` was a third of its cache traffic. Other
    caches (locmem in tests and the demo) use Django's `add` and `incr`.
    """
    redis = _redis(cache)
    if redis is not None:
        pipe = redis.pipeline(transaction=False)
        for full, period in windows:
            key = cache.make_and_validate_key(full)
            pipe.set(key, 0, ex=period + 5, nx=True)
            pipe.incr(key)
        return pipe.execute()[1::2]
    counts = []
    for full, period in windows:
        cache.add(full, 0, period + 5)
        try:
            counts.append(cache.incr(full))
        except ValueError:  # evicted between add and incr
            cache.set(full, 1, period + 5)
            counts.append(1)
    return counts


def _over(key, limits, now):
    """Seconds until the tightest exceeded window ends (0: within every limit).

    Fixed windows: the one holding `now` for each (allowed, period) limit.
    """
    windows = [(f"{key}:{period}:{now // period}", period) for _allowed, period in limits]
    wait = 0
    for (allowed, period), used in zip(limits, _count_windows(windows), strict=True):
        if used > allowed:
            wait = max(wait, period - (now % period))
    return wait


def _parse_networks(values):
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError:
            logger.warning("Ignoring an allowed network that is not a network: %r", value)
    return networks


def allowed_networks():
    """The environment's networks and the admin's active ones (cached for a minute)."""
    admin = cache.get(NETWORKS_CACHE_KEY)
    if admin is None:
        from actions.models import AllowedNetwork

        try:
            admin = list(AllowedNetwork.objects.active().values_list("network", flat=True))
        except Exception:  # a database problem must not stop anyone acting
            admin = []
        cache.set(NETWORKS_CACHE_KEY, admin, 60)
    return _parse_networks(list(getattr(settings, "ACTIONS_ALLOWED_NETWORKS", [])) + admin)


def forget_allowed_networks(**kwargs):
    """Signal receiver: an edited list applies at once, not a minute later."""
    cache.delete(NETWORKS_CACHE_KEY)


def _request_is_allowed(request):
    """`is_allowed` for the request's address, worked out once per request."""
    if not hasattr(request, "_haven_allowed_network"):
        request._haven_allowed_network = is_allowed(client_ip(request))
    return request._haven_allowed_network


def is_allowed(ip):
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in network for network in allowed_networks())


def flood_wait(request, scope="actions"):
    """Count one post against the address's flood ceiling; seconds to wait, or 0."""
    if _request_is_allowed(request):
        return 0
    per_hour = getattr(settings, "ACTIONS_FLOOD_PER_HOUR", 1000)
    ip = client_ip(request)
    return _over(f"actions:flood:{scope}:{_hash(ip)}", [(per_hour, 3600)], int(time.time()))


def assess(request, email_canonical="", scope="actions"):
    """Judge one post that would store a response (call after `flood_wait`).

    The e-mail limit refuses bursts of one address (the unique constraint already keeps a
    single signature, so a refusal loses nobody); the address limits only hold.
    """
    now = int(time.time())
    if email_canonical:
        email_limits = getattr(settings, "ACTIONS_RATE_PER_EMAIL", [(5, 600)])
        wait = _over(f"actions:rl-email:{_hash(email_canonical)}", email_limits, now)
        if wait:
            return Verdict(wait=wait)
    if _request_is_allowed(request):
        return Verdict()
    ip = client_ip(request)
    limits = getattr(settings, "ACTIONS_RATE_LIMITS", DEFAULT_LIMITS)
    return Verdict(held=bool(_over(f"actions:rl:{scope}:{_hash(ip)}", limits, now)))


def hit(request, scope="actions"):
    """Record a request against the address limits; seconds over the limit, else 0.

    Kept for callers that can only refuse (no record to hold), e.g. a lookup endpoint.
    """
    limits = getattr(settings, "ACTIONS_RATE_LIMITS", DEFAULT_LIMITS)
    return _over(f"actions:rl:{scope}:{_hash(client_ip(request))}", limits, int(time.time()))
