"""Rate limits live in the shared cache, so separate server processes share one count.

Windows are fixed slices of the clock, so the tests that count within a window run on a frozen
clock (time-machine): they cannot straddle a window's end by chance, and expiry is tested by
moving the clock instead of sleeping. The locmem cache's own expiry reads the same clock."""

import subprocess
import sys
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
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


# 12:00:10 UTC: ten seconds into a one-minute window and into an hour window.
TEN_PAST_NOON = datetime(2026, 3, 2, 12, 0, 10, tzinfo=UTC)


def _request(ip="203.0.113.5"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


@pytest.fixture
def frozen_clock():
    with time_machine.travel(TEN_PAST_NOON, tick=False) as traveller:
        yield traveller


def test_requests_within_the_limit_pass_and_the_next_waits_until_the_window_ends(
    settings, frozen_clock
):
    settings.ACTIONS_RATE_LIMITS = [(3, 60)]
    assert [ratelimit.hit(_request()) for _ in range(3)] == [0, 0, 0]
    # Ten seconds into the minute: fifty seconds to wait, and every refused try says so.
    assert ratelimit.hit(_request()) == 50
    frozen_clock.shift(20)
    assert ratelimit.hit(_request()) == 30


def test_a_new_window_lets_the_reader_act_again(settings, frozen_clock):
    settings.ACTIONS_RATE_LIMITS = [(2, 60)]
    ratelimit.hit(_request())
    ratelimit.hit(_request())
    assert ratelimit.hit(_request()) > 0
    frozen_clock.shift(49)  # 12:00:59, still the same window
    assert ratelimit.hit(_request()) == 1
    frozen_clock.shift(1)  # 12:01:00, a new window
    assert ratelimit.hit(_request()) == 0


def test_the_longer_window_still_holds_after_the_short_one_has_passed(settings, frozen_clock):
    settings.ACTIONS_RATE_LIMITS = [(2, 60), (3, 3600)]
    assert [ratelimit.hit(_request()) for _ in range(2)] == [0, 0]
    frozen_clock.shift(60)
    assert ratelimit.hit(_request()) == 0  # third in the hour, first in this minute
    # Fourth in the hour: wait until 13:00, i.e. 3600 - 70 seconds.
    assert ratelimit.hit(_request()) == 3600 - 70
    frozen_clock.move_to(datetime(2026, 3, 2, 13, 0, 0, tzinfo=UTC))
    assert ratelimit.hit(_request()) == 0


def test_each_address_and_scope_has_its_own_count(settings, frozen_clock):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    assert ratelimit.hit(_request("198.51.100.1")) == 0
    assert ratelimit.hit(_request("198.51.100.1")) > 0
    assert ratelimit.hit(_request("198.51.100.2")) == 0
    assert ratelimit.hit(_request("198.51.100.1"), scope="lookup") == 0


def test_no_address_is_stored_in_the_clear(settings, frozen_clock):
    settings.ACTIONS_RATE_LIMITS = [(5, 60)]
    ratelimit.hit(_request("198.51.100.77"))
    keys = list(cache._cache)  # locmem: the keys as stored
    assert keys and not any("198.51.100.77" in key for key in keys)


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


@override_settings(CACHES=REDIS_CACHE, ACTIONS_RATE_LIMITS=[(2, 60), (5, 3600)])
def test_on_redis_each_window_counts_once_per_post_and_expires_with_its_window():
    _redis_or_skip()
    from django.core.cache import cache
    from django_redis import get_redis_connection

    cache.delete_many(cache.keys("actions:rl:ttl-test:*"))
    try:
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.78")
        assert [ratelimit.hit(request, scope="ttl-test") for _ in range(3)][:2] == [0, 0]
        keys = sorted(cache.keys("actions:rl:ttl-test:*"))
        assert len(keys) == 2  # one per window: the minute and the hour
        assert sorted(cache.get(key) for key in keys) == [3, 3]
        redis = get_redis_connection("default")
        ttls = sorted(redis.ttl(cache.make_key(key)) for key in keys)
        assert 0 < ttls[0] <= 65 and 60 < ttls[1] <= 3605
    finally:
        cache.delete_many(cache.keys("actions:rl:ttl-test:*"))
