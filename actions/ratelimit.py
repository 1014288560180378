"""Per-IP rate limits kept in the shared cache, so every server process sees one count.

Fixed windows: cheap (one `add` and one `incr`) and good enough to slow a flood. The IP is
hashed before it becomes a cache key, so no address is stored in the clear.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = [(10, 60), (60, 3600)]  # (requests, seconds)


def client_ip(request):
    """REMOTE_ADDR, or the address a trusted proxy put in X-Forwarded-For."""
    proxies = getattr(settings, "ACTIONS_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _hash(ip):
    return hashlib.sha256((settings.SECRET_KEY + ip).encode()).hexdigest()[:24]


def hit(request, scope="actions"):
    """Record a request; return the seconds to wait if a limit is exceeded, else 0."""
    limits = getattr(settings, "ACTIONS_RATE_LIMITS", DEFAULT_LIMITS)
    ident = _hash(client_ip(request))
    now = int(time.time())
    wait = 0
    for allowed, period in limits:
        window = now // period
        key = f"actions:rl:{scope}:{ident}:{period}:{window}"
        cache.add(key, 0, period + 5)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, period + 5)
            used = 1
        if used > allowed:
            wait = max(wait, period - (now % period))
    return wait
