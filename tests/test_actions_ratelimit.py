"""Rate limits live in the shared cache, so separate server processes share one count."""

import subprocess
import sys

import pytest
from django.test import RequestFactory, override_settings

from actions import ratelimit

REDIS = "redis://127.0.0.1:6379/0"
REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS,
        "KEY_PREFIX": "haven-actions-test",
    }
}

CHILD = f"""
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
django.setup()
from django.conf import settings
settings.CACHES = {REDIS_CACHE!r}
settings.ACTIONS_RATE_LIMITS = [(3, 3600)]
from django.test import RequestFactory
from actions import ratelimit
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.77")
print(ratelimit.hit(request, scope="xproc-test"))
"""


def _redis_or_skip():
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except Exception:
        pytest.skip("Redis is not running on 127.0.0.1:6379")


@override_settings(CACHES=REDIS_CACHE, ACTIONS_RATE_LIMITS=[(3, 3600)])
def test_limit_counts_requests_from_another_process():
    _redis_or_skip()
    from django.core.cache import cache

    cache.delete_many(cache.keys("actions:rl:xproc-test:*"))
    try:
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.77")
        assert ratelimit.hit(request, scope="xproc-test") == 0
        assert ratelimit.hit(request, scope="xproc-test") == 0
        third = subprocess.run(  # noqa: S603 (our own interpreter and fixed code)
            [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True
        )
        assert third.stdout.strip() == "0"
        # The fourth request, back in this process, sees the other process's hit.
        assert ratelimit.hit(request, scope="xproc-test") > 0
    finally:
        cache.delete_many(cache.keys("actions:rl:xproc-test:*"))


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(settings):
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.1"
    )
    settings.ACTIONS_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.ACTIONS_TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(request) == "198.51.100.9"
